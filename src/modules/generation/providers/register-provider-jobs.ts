import type { AppContext } from '../../../app-context.ts';
import { failGeneration } from '../fail-generation.ts';
import { applyProviderResult } from './apply-provider-result.ts';
import { PROVIDER_RESULT_QUEUE, type ProviderResultJob } from './queue.ts';
import { registerProviderEngines } from './register-provider-engines.ts';

/** Registers the configured provider engines and the job that applies their webhook results. */
export function registerProviderJobs(ctx: AppContext): void {
  registerProviderEngines(ctx.config);
  ctx.jobs.work<ProviderResultJob>(PROVIDER_RESULT_QUEUE, (job) => applyProviderResult(ctx, job), {
    concurrency: 2,
    // The audio could not be fetched after every retry (or the worker kept dying): the song fails, once.
    onFinalFailure: async ({ data, error }) => {
      await failGeneration(ctx, data.songId, `${data.provider}: ${error}`);
    },
  });
}
