import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { deleteJobFiles } from './delete-job-files.ts';

const BATCH = 100;

/**
 * Deletes the files of finished jobs past their retention and marks them expired. The files go first
 * and the rows after, so a sweep cut short leaves work for the next one rather than orphaned objects.
 * Several processes may sweep at once: deleting twice is harmless.
 */
export async function expireLoudnessJobs(
  ctx: Pick<AppContext, 'database' | 'storage' | 'log'>,
  input: { now?: Date } = {},
): Promise<{ expired: number }> {
  const db = ctx.database.db;
  const now = input.now ?? new Date();
  let expired = 0;
  for (;;) {
    const due = await db
      .selectFrom('processing_jobs')
      .select('id')
      .where('status', 'in', ['completed', 'failed'])
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(BATCH)
      .execute();
    for (const { id } of due) {
      await deleteJobFiles(ctx, id);
      const marked = await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('audio_files').where('job_id', '=', id).execute();
        const res = await trx
          .updateTable('processing_jobs')
          .set({ status: 'expired', expired_at: sql`now()`, series: null, updated_at: sql`now()` })
          .where('id', '=', id)
          .where('status', 'in', ['completed', 'failed'])
          .executeTakeFirst();
        return Number(res.numUpdatedRows);
      });
      expired += marked;
    }
    if (due.length < BATCH) break;
  }
  if (expired > 0) ctx.log.info({ expired }, 'expired loudness jobs');
  return { expired };
}
