import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { refundUploadQuota } from './refund-upload-quota.ts';

/**
 * Fails a job that is still queued or processing and gives its upload back to the month's allowance.
 * With `attempt`, only that attempt's claim is failed (a stale attempt changes nothing). Idempotent.
 */
export async function markLoudnessJobFailed(db: Kysely<DB>, input: { jobId: string; error: string; attempt?: number }): Promise<void> {
  let query = db
    .updateTable('processing_jobs')
    .set({ status: 'failed', error: input.error.slice(0, 2000), completed_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', input.jobId)
    .where('status', 'in', ['queued', 'processing']);
  if (input.attempt !== undefined) query = query.where('attempt', '<=', input.attempt);
  await query.execute();
  // Checked rather than taken from the update, so a refund cut short by a crash is made on the next call.
  const row = await db.selectFrom('processing_jobs').select('status').where('id', '=', input.jobId).executeTakeFirst();
  if (row?.status === 'failed') await refundUploadQuota(db, input.jobId);
}
