import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { normalizeFile } from '../../audio/normalize/index.ts';
import { AudioError } from '../../audio/types.ts';
import type { JobContext } from '../../jobs/index.ts';
import { QUEUES } from '../../jobs/index.ts';
import { makeObjectKey } from '../../storage/index.ts';
import { audioStats, roundedSeries } from './audio-stats.ts';
import { LOUDNESS_QUEUE } from './create-loudness-job.ts';
import { jobProgress } from './job-progress.ts';
import { markLoudnessJobFailed } from './mark-loudness-job-failed.ts';
import { AUDIO_MIME } from './mime-types.ts';

type Ctx = Pick<AppContext, 'database' | 'storage' | 'log'>;

export type ProcessOutcome = { outcome: 'completed' | 'failed' | 'skipped'; error?: string };

/**
 * One attempt at normalizing an uploaded mix: download the original into a private temp dir,
 * normalize (analyze, render, re-measure), store the result, then record it. Safe to run twice: only
 * a job still queued or processing is claimed, and only the attempt that claimed it last may
 * complete it (a stale attempt deletes what it stored). A file the decoder rejects fails the job for
 * good, since retrying cannot change the bytes.
 */
export async function processLoudnessJob(ctx: Ctx, job: JobContext<unknown>): Promise<ProcessOutcome> {
  const db = ctx.database.db;
  const claimed = await db
    .updateTable('processing_jobs')
    .set({ status: 'processing', attempt: job.attempt, error: null, started_at: sql`coalesce(started_at, now())`, updated_at: sql`now()` })
    .where('id', '=', job.id)
    .where('status', 'in', ['queued', 'processing'])
    .where('attempt', '<', job.attempt)
    .returningAll()
    .executeTakeFirst();
  if (!claimed) return { outcome: 'skipped' };
  const original = await db
    .selectFrom('audio_files')
    .selectAll()
    .where('job_id', '=', job.id)
    .where('role', '=', 'original')
    .executeTakeFirst();
  if (!original) {
    await markLoudnessJobFailed(db, { jobId: job.id, error: 'the uploaded file is gone', attempt: job.attempt });
    return { outcome: 'failed', error: 'the uploaded file is gone' };
  }

  const format = claimed.output_format;
  const progress = jobProgress(job, format);
  const dir = await mkdtemp(join(tmpdir(), 'backbeat-loudness-'));
  let outputKey: string | null = null;
  try {
    progress.report(1, 'downloading', true);
    const inPath = join(dir, `in.${original.format}`);
    const outPath = join(dir, `out.${format}`);
    await ctx.storage.downloadToFile(original.storage_key, inPath);
    const report = await normalizeFile(inPath, outPath, {
      targetLufs: claimed.target_lufs,
      truePeakDbtp: claimed.true_peak_dbtp,
      format,
      series: true,
      onProgress: (p) => progress.onNormalize(p),
    });
    progress.report(96, 'storing', true);
    outputKey = makeObjectKey('deliverables', claimed.owner_id, format);
    const size = (await stat(outPath)).size;
    await ctx.storage.putFile(outputKey, outPath, { contentType: AUDIO_MIME[format] });
    await progress.flush();

    const key = outputKey;
    const completed = await db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('processing_jobs')
        .set({
          status: 'completed',
          input_stats: JSON.stringify(audioStats(report.input)),
          output_stats: JSON.stringify(audioStats(report.output)),
          gain_db: Math.round(report.gainDb * 100) / 100,
          limiter: JSON.stringify(report.limiter),
          passes: report.passes,
          series: JSON.stringify({ input: roundedSeries(report.input.shortTermSeries), output: roundedSeries(report.output.shortTermSeries) }),
          completed_at: sql`now()`,
          updated_at: sql`now()`,
        })
        .where('id', '=', job.id)
        .where('status', '=', 'processing')
        .where('attempt', '=', job.attempt)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) return false;
      await trx
        .insertInto('audio_files')
        .values({ owner_id: claimed.owner_id, job_id: job.id, role: 'output', storage_key: key, original_name: null, format, size_bytes: size })
        .execute();
      return true;
    });
    if (!completed) {
      // Deleted, expired or taken over by a newer attempt while this one ran.
      await ctx.storage.delete(key).catch(() => undefined);
      return { outcome: 'skipped' };
    }
    outputKey = null;
    return { outcome: 'completed' };
  } catch (err) {
    await progress.flush();
    if (outputKey) await ctx.storage.delete(outputKey).catch(() => undefined);
    if (err instanceof AudioError) {
      const error = `The file could not be processed: ${err.message}`;
      await markLoudnessJobFailed(db, { jobId: job.id, error, attempt: job.attempt });
      return { outcome: 'failed', error };
    }
    const final = job.attempt > QUEUES[LOUDNESS_QUEUE].retryLimit;
    const message = err instanceof Error ? err.message : String(err);
    if (final) {
      await markLoudnessJobFailed(db, { jobId: job.id, error: `Processing failed: ${message}`, attempt: job.attempt });
    } else {
      await db
        .updateTable('processing_jobs')
        .set({ status: 'queued', error: `Attempt ${job.attempt} failed, retrying: ${message}`, updated_at: sql`now()` })
        .where('id', '=', job.id)
        .where('status', '=', 'processing')
        .where('attempt', '=', job.attempt)
        .execute();
    }
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
