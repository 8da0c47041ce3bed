import type { AppContext } from '../../app-context.ts';
import { LOUDNESS_QUEUE } from './create-loudness-job.ts';
import { expireLoudnessJobs } from './expire-loudness-jobs.ts';
import { markLoudnessJobFailed } from './mark-loudness-job-failed.ts';
import { processLoudnessJob } from './process-loudness-job.ts';

/** How often each worker process sweeps expired files. Sweeps are idempotent, so overlaps are harmless. */
export const EXPIRY_SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Declares the normalization handler and starts the retention sweep. One job at a time per process
 * by default: normalizing is CPU-bound (analysis already uses a second thread); scale with processes.
 */
export function registerLoudnessJobs(ctx: AppContext, options: { concurrency?: number; sweep?: boolean } = {}): void {
  ctx.jobs.work(LOUDNESS_QUEUE, (job) => processLoudnessJob(ctx, job), {
    concurrency: options.concurrency ?? 1,
    // The last attempt failed or its worker died: the job fails and the upload is given back, once.
    onFinalFailure: async ({ id, error }) => {
      await markLoudnessJobFailed(ctx.database.db, { jobId: id, error: `Processing failed: ${error}` });
    },
  });
  if (options.sweep === false) return;
  ctx.jobs.every(EXPIRY_SWEEP_INTERVAL_MS, async () => {
    await expireLoudnessJobs(ctx);
  }, 60_000);
}
