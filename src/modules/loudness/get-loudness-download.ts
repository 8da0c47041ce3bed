import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../errors.ts';
import { isUuid } from './is-uuid.ts';

/** The stored output of a completed job and the name to save it under: "<original> (<preset>).<ext>". */
export async function getLoudnessDownload(
  ctx: Pick<AppContext, 'database'>,
  input: { userId: string; jobId: string },
): Promise<{ key: string; fileName: string }> {
  if (!isUuid(input.jobId)) throw notFound('Loudness job');
  const db = ctx.database.db;
  const job = await db
    .selectFrom('processing_jobs')
    .select(['id', 'status', 'preset_name', 'target_lufs', 'output_format'])
    .where('id', '=', input.jobId)
    .where('owner_id', '=', input.userId)
    .executeTakeFirst();
  if (!job) throw notFound('Loudness job');
  if (job.status !== 'completed') {
    throw new AppError('conflict', `The file is available once the job has completed (it is ${job.status})`, { status: job.status });
  }
  const files = await db.selectFrom('audio_files').select(['role', 'storage_key', 'original_name']).where('job_id', '=', job.id).execute();
  const output = files.find((f) => f.role === 'output');
  if (!output) throw notFound('Output file');
  const originalName = files.find((f) => f.role === 'original')?.original_name ?? 'mix';
  const base = originalName.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'mix';
  const label = job.preset_name ?? `${job.target_lufs} LUFS`;
  return { key: output.storage_key, fileName: `${base} (${label}).${job.output_format}` };
}
