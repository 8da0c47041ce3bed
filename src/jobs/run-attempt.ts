// One attempt of one job: mark the public row running, run the handler, then settle the pg-boss job
// and the row in one transaction. pg-boss's completion is fenced by its claim (job id + retry
// count), so when this attempt lost the job (expired, heartbeat lost, rescued) nothing is written.
import type { Logger } from 'pino';
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import type { Database } from '../db/create-database.ts';
import { executorDb } from './boss-db.ts';
import { completeAttempt, failAttempt, recordProgress, startAttempt } from './job-rows.ts';
import type { JobContext, JobHandler } from './types.ts';

export interface AttemptDeps {
  boss: PgBoss;
  database: Database;
  log: Logger;
}

export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  return (text || 'job failed').slice(0, 2000);
}

/** The message in a failed pg-boss job's output: a serialized Error, or `{ value: { message } }` from expiry and heartbeat loss. */
export function outputError(output: unknown): string {
  const value = (output as { value?: unknown } | null)?.value ?? output;
  const message = (value as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && message) return message.slice(0, 2000);
  return output == null ? 'job failed' : errorText(value);
}

/** pg-boss stores outputs as JSON objects; anything else is wrapped. */
function toOutput(result: unknown): object | null {
  if (result === undefined || result === null) return null;
  return typeof result === 'object' && !Array.isArray(result) ? result : { value: result };
}

export async function runAttempt<T>(deps: AttemptDeps, handler: JobHandler<T>, job: JobWithMetadata<T>): Promise<unknown> {
  const { boss, database, log } = deps;
  const db = database.db;
  const attempt = job.retryCount + 1;
  const start = await startAttempt(db, job.id, attempt);
  // A re-delivery of a job whose row already completed (a rescue raced the completion): nothing to
  // redo; pg-boss just completes it again.
  if (start.outcome === 'completed') return start.result;
  if (start.outcome === 'stale') throw new Error(`attempt ${attempt} of job ${job.id} is older than the recorded one`);
  const tracked = start.outcome === 'started';

  const context: JobContext<T> = {
    id: job.id,
    queue: job.name,
    data: job.data,
    attempt,
    signal: job.signal,
    async progress(percent, message) {
      if (tracked) await recordProgress(db, job.id, attempt, percent, message);
    },
  };

  let result: unknown;
  try {
    result = await handler(context);
  } catch (err) {
    const final = job.retryCount >= job.retryLimit;
    if (tracked) {
      await failAttempt(db, job.id, attempt, errorText(err), final).catch((e: unknown) =>
        log.error({ err: e, jobId: job.id }, 'could not record a failed attempt'),
      );
    }
    throw err;
  }

  await db.transaction().execute(async (trx) => {
    const settled = (await boss.complete(job.name, { id: job.id, retryCount: job.retryCount }, toOutput(result), {
      db: executorDb(trx),
    })) as { affected?: number };
    if (settled.affected === 1 && tracked) await completeAttempt(trx, job.id, attempt, result);
    if (settled.affected !== 1) log.warn({ jobId: job.id, attempt }, 'job attempt finished after losing its claim; result ignored');
  });
  return result;
}
