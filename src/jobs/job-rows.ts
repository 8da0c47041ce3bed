// The public `jobs` row: what owners see. Every write after the insert is fenced by attempt: the
// attempt that pg-boss claimed most recently owns the row, a stale attempt's writes match nothing,
// and nothing moves a completed job anywhere else.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Executor, JobRecord } from './types.ts';

export async function insertJobRow(
  executor: Executor,
  row: { id: string; queue: string; ownerId: string | null },
): Promise<void> {
  await executor.insertInto('jobs').values({ id: row.id, queue: row.queue, owner_id: row.ownerId }).execute();
}

export type StartOutcome = 'started' | 'completed' | 'stale' | 'untracked';

/** Marks `attempt` as running; tells a re-delivered job that already completed apart from a stale one. */
export async function startAttempt(db: Kysely<DB>, id: string, attempt: number): Promise<{ outcome: StartOutcome; result?: unknown }> {
  const started = await db
    .updateTable('jobs')
    .set({ status: 'running', attempt, progress: 0, message: null, error: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('attempt', '<', attempt)
    .where('status', '<>', 'completed')
    .executeTakeFirst();
  if (Number(started.numUpdatedRows) > 0) return { outcome: 'started' };
  const row = await db.selectFrom('jobs').select(['status', 'result']).where('id', '=', id).executeTakeFirst();
  if (!row) return { outcome: 'untracked' };
  if (row.status === 'completed') return { outcome: 'completed', result: row.result };
  return { outcome: 'stale' };
}

export async function recordProgress(
  db: Kysely<DB>,
  id: string,
  attempt: number,
  percent: number,
  message: string | undefined,
): Promise<boolean> {
  const progress = Math.max(0, Math.min(100, Math.round(percent)));
  const res = await db
    .updateTable('jobs')
    .set({ progress, ...(message !== undefined ? { message } : {}), updated_at: sql`now()` })
    .where('id', '=', id)
    .where('attempt', '=', attempt)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function completeAttempt(executor: Executor, id: string, attempt: number, result: unknown): Promise<boolean> {
  const res = await executor
    .updateTable('jobs')
    .set({
      status: 'completed',
      progress: 100,
      error: null,
      result: result === undefined ? null : JSON.stringify(result),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('attempt', '=', attempt)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** A failed attempt: back to queued when a retry follows, failed when it was the last one. */
export async function failAttempt(db: Kysely<DB>, id: string, attempt: number, error: string, final: boolean): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set({ status: final ? 'failed' : 'queued', error, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('attempt', '=', attempt)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * The final failure seen from the dead-letter queue (also for attempts whose process died): the row
 * becomes failed unless it completed or a later attempt (a manual retry) owns it.
 */
export async function markFinallyFailed(db: Kysely<DB>, id: string, lastAttempt: number, error: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'failed', error, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('attempt', '<=', lastAttempt)
    .where('status', '<>', 'completed')
    .execute();
}

export async function selectJobRow(db: Kysely<DB>, id: string): Promise<JobRecord | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    queue: row.queue,
    ownerId: row.owner_id,
    status: row.status,
    progress: row.progress,
    attempt: row.attempt,
    message: row.message,
    error: row.error,
    result: row.result,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
