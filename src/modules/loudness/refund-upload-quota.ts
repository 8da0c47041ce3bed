import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Gives back the upload a job reserved, once: the job row records the refund in the same
 * transaction, so a second call (a retried compensation, a duplicate delivery) changes nothing.
 */
export async function refundUploadQuota(db: Kysely<DB>, jobId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const job = await trx
      .updateTable('processing_jobs')
      .set({ quota_refunded_at: sql`now()` })
      .where('id', '=', jobId)
      .where('quota_refunded_at', 'is', null)
      .returning(['owner_id', sql<string>`usage_period::text`.as('usage_period')])
      .executeTakeFirst();
    if (!job) return false;
    await trx
      .updateTable('loudness_usage')
      .set({ used: sql`greatest(used - 1, 0)`, updated_at: sql`now()` })
      .where('user_id', '=', job.owner_id)
      .where('period', '=', job.usage_period)
      .execute();
    return true;
  });
}
