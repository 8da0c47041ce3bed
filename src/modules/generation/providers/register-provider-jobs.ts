import type { AppContext } from '../../../app-context.ts';
import { failGeneration } from '../fail-generation.ts';
import { applyProviderResult } from './apply-provider-result.ts';
import { PROVIDER_RESULT_QUEUE, type ProviderResultJob } from './queue.ts';

/** Registers the job that applies providers' webhook results. */
export function registerProviderJobs(ctx: AppContext): void {
  ctx.jobs.work<ProviderResultJob>(PROVIDER_RESULT_QUEUE, (job) => applyProviderResult(ctx, job), {
    concurrency: 2,
    // The audio could not be fetched after every retry (or the worker kept dying): the song fails, once.
    onFinalFailure: async ({ data, error }) => {
      await failGeneration(ctx, data.songId, `${data.provider}: ${error}`);
    },
  });
}
