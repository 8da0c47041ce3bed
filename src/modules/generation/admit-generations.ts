// Runs requests through the database's admit_generations() (migration 0006): one statement for a
// whole batch, each request decided on its own. The function takes its locks in user order itself,
// so batches need no particular order.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { LedgerReason, SongsTable } from '../../db/schema.ts';

/** One request, fully resolved: ids, seed, title and cost are decided before admission. */
export interface AdmissionItem
  extends Pick<SongsTable, 'user_id' | 'parent_id' | 'task' | 'engine' | 'title' | 'prompt' | 'lyrics' | 'duration_seconds' | 'seed'> {
  user_id: string;
  song_id: string;
  job_id: string;
  region_end?: number;
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
  const { rows } = await sql<{ outcomes: AdmissionOutcome[] }>`
    SELECT admit_generations(${JSON.stringify(items)}::jsonb, ${JSON.stringify(policy)}::jsonb) AS outcomes`.execute(executor);
  return rows[0].outcomes;
}
