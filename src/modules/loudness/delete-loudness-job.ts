import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { isStorageError } from '../../storage/index.ts';
import { isUuid } from './is-uuid.ts';

/**
 * Deletes a job with its rows (also its public job record), then its files. The row is locked while
 * its file list is read, so a worker finishing at that moment either is listed or finds the row gone
 * and deletes what it stored itself. Deleting does not give the upload back.
 */
export async function deleteLoudnessJob(ctx: Pick<AppContext, 'database' | 'storage'>, input: { userId: string; jobId: string }): Promise<void> {
  if (!isUuid(input.jobId)) throw notFound('Loudness job');
  const keys = await ctx.database.db.transaction().execute(async (trx) => {
    const job = await trx
      .selectFrom('processing_jobs')
      .select('id')
      .where('id', '=', input.jobId)
      .where('owner_id', '=', input.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!job) throw notFound('Loudness job');
    const files = await trx.selectFrom('audio_files').select('storage_key').where('job_id', '=', job.id).execute();
    await trx.deleteFrom('processing_jobs').where('id', '=', job.id).execute();
    await trx.deleteFrom('jobs').where('id', '=', job.id).execute();
    return files.map((f) => f.storage_key);
  });
  for (const key of keys) {
    await ctx.storage.delete(key).catch((err: unknown) => {
      if (!isStorageError(err, 'not_found')) throw err;
    });
  }
}
