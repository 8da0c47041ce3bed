// Runs requests through the database's admit_generations() (migration 0006): one statement for a
// whole batch, each request in its own subtransaction. The items are sorted by user so that two
// batches lock users' rows in the same order and cannot deadlock.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { LedgerReason, SongTask } from '../../db/schema.ts';

/** One request, fully resolved: ids, seed, title and cost are decided before admission. */
export interface AdmissionItem {
  user_id: string;
  song_id: string;
  job_id: string;
  parent_id: string | null;
  region_end?: number;
  task: SongTask;
  engine: string;
  title: string;
  prompt: string;
  lyrics: string | null;
  duration_seconds: number;
  seed: number;
  params: Record<string, unknown>;
  variations: number;
  cost: number;
  reason: LedgerReason;
  idempotency_key?: string;
  request_hash?: string;
}

/** What every request of a batch shares. */
export interface AdmissionPolicy {
  queue: string;
  lifetime_limit: number;
  monthly_limit: number;
  /** The allowance's month, `YYYY-MM` (UTC). */
  month: string;
}

export type AdmissionRefusal =
  | { code: 'idempotency_mismatch' }
  | { code: 'parent_not_found' }
  | { code: 'parent_not_completed'; status: string }
  | { code: 'region_outside_parent'; seconds: number }
  | { code: 'no_wallet' }
  | { code: 'allowance_used'; period: string; limit: number }
  | { code: 'insufficient_credits' };

export type AdmissionOutcome =
  | { outcome: 'accepted' }
  | { outcome: 'replay'; status_code: number; response: unknown }
  | ({ outcome: 'refused' } & AdmissionRefusal);

export async function admitGenerations(executor: Executor, items: AdmissionItem[], policy: AdmissionPolicy): Promise<AdmissionOutcome[]> {
  const order = items.map((_, i) => i).sort((a, b) => (items[a].user_id < items[b].user_id ? -1 : items[a].user_id > items[b].user_id ? 1 : a - b));
  const sorted = order.map((i) => items[i]);
  const { rows } = await sql<{ outcomes: AdmissionOutcome[] }>`
    SELECT admit_generations(${JSON.stringify(sorted)}::jsonb, ${JSON.stringify(policy)}::jsonb) AS outcomes`.execute(executor);
  const outcomes: AdmissionOutcome[] = new Array(items.length);
  order.forEach((itemIndex, position) => (outcomes[itemIndex] = rows[0].outcomes[position]));
  return outcomes;
}
