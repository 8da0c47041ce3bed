// Job handlers of every module. `serve` (unless --no-workers) and `worker` start them; an API-only
// process only enqueues.
import type { AppContext } from './app-context.ts';
import { registerMailJobs } from './mail/mailer.ts';
import { registerLoudnessJobs } from './modules/loudness/index.ts';
import { registerGenerationJobs } from './modules/generation/register-generation-jobs.ts';
import { registerProviderJobs } from './modules/generation/providers/register-provider-jobs.ts';

export async function startWorkers(ctx: AppContext): Promise<void> {
  registerMailJobs(ctx);
  registerLoudnessJobs(ctx);
  registerGenerationJobs(ctx);
  registerProviderJobs(ctx);
  await ctx.jobs.startWorkers();
}
