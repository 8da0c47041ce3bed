// Job handlers of every module. `serve` (unless --no-workers) and `worker` start them; an API-only
// process only enqueues.
import type { AppContext } from './app-context.ts';
import { registerMailJobs } from './mail/mailer.ts';

export async function startWorkers(ctx: AppContext): Promise<void> {
  registerMailJobs(ctx);
  await ctx.jobs.startWorkers();
}
