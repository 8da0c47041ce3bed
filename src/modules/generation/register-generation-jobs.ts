import type { AppContext } from '../../app-context.ts';
import { failGeneration } from './fail-generation.ts';
import { renderGeneration } from './render-generation.ts';
import { GENERATION_QUEUE, type RenderJobData } from './render-job.ts';

/** The render worker. After its last attempt, the song fails and its payment is refunded (once). */
export function registerGenerationJobs(ctx: AppContext): void {
  ctx.jobs.work<RenderJobData>(GENERATION_QUEUE, (job) => renderGeneration(ctx, job), {
    concurrency: 1,
    onFinalFailure: async ({ data, error }) => {
      await failGeneration(ctx, data.songId, error);
    },
  });
}
