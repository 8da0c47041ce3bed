import type { AppContext } from '../../app-context.ts';
import { isStorageError } from '../../storage/index.ts';

/** Deletes every stored file of a job (already-missing objects are fine); returns the keys deleted. */
export async function deleteJobFiles(ctx: Pick<AppContext, 'database' | 'storage'>, jobId: string): Promise<string[]> {
  const files = await ctx.database.db.selectFrom('audio_files').select('storage_key').where('job_id', '=', jobId).execute();
  for (const { storage_key: key } of files) {
    try {
      await ctx.storage.delete(key);
    } catch (err) {
      if (!isStorageError(err, 'not_found')) throw err;
    }
  }
  return files.map((f) => f.storage_key);
}
