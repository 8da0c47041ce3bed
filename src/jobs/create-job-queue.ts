// The job queue: pg-boss on the application's database, reached only through the one pool, with a
// public `jobs` row per job that owners can read. See docs/jobs.md for the behaviour seen by users.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PgBoss, type JobWithMetadata } from 'pg-boss';
import type { Database } from '../db/create-database.ts';
import { AppError } from '../errors.ts';
import { executorDb } from './boss-db.ts';
import { bossOptions, DEAD_LETTER_POLICY, DEFAULT_TIMING, queueOptions, type JobTiming } from './boss-options.ts';
import { insertJobRow, markFinallyFailed, selectJobRow } from './job-rows.ts';
import { deadLetterQueueName, QUEUES, type QueuePolicy } from './queues.ts';
import { outputError, runAttempt } from './run-attempt.ts';
import type { Executor, JobHandler, JobQueue, WorkOptions } from './types.ts';

export interface CreateJobQueueOptions {
  database: Database;
  log: Logger;
  /** Queues and policies (default: QUEUES). Tests pass their own. */
  queues?: Record<string, QueuePolicy>;
  timing?: Partial<JobTiming>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Registration {
  handler: JobHandler;
  options: WorkOptions<unknown>;
}

/** Creates or updates every queue (and its dead-letter queue), then loads each into pg-boss's cache. */
async function declareQueues(boss: PgBoss, queues: Record<string, QueuePolicy>): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  const declare = async (name: string, policy: QueuePolicy) => {
    const options = queueOptions(name, policy);
    if (existing.has(name)) {
      const { deadLetter, ...rest } = options;
      await boss.updateQueue(name, { ...rest, deadLetter: deadLetter ?? null, heartbeatSeconds: policy.heartbeatSeconds ?? null });
    } else {
      await boss.createQueue(name, options);
    }
  };
  for (const [name, policy] of Object.entries(queues)) {
    if (policy.deadLetter !== false) await declare(deadLetterQueueName(name), DEAD_LETTER_POLICY);
    await declare(name, policy);
  }
  // A cheap lookup per queue fills pg-boss's queue cache, so a send or completion inside a caller's
  // transaction never needs a statement outside it (with one PGlite session that would deadlock).
  for (const name of Object.keys(queues)) {
    await boss.findJobs(name, { id: '00000000-0000-0000-0000-000000000000' });
    if (queues[name].deadLetter !== false) await boss.findJobs(deadLetterQueueName(name), { id: '00000000-0000-0000-0000-000000000000' });
  }
}

export async function createJobQueue(options: CreateJobQueueOptions): Promise<JobQueue> {
  const { database, log } = options;
  const queues = options.queues ?? QUEUES;
  const timing: JobTiming = { ...DEFAULT_TIMING, ...options.timing };
  const boss = new PgBoss(bossOptions(database, timing, true));
  boss.on('error', (err: unknown) => log.error({ err }, 'job queue error'));
  await boss.start();
  try {
    await declareQueues(boss, queues);
  } catch (err) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw err;
  }

  const registrations = new Map<string, Registration>();
  let workersStarted = false;
  let stopping: Promise<void> | undefined;
  const timers: NodeJS.Timeout[] = [];

  function policyOf(queue: string): QueuePolicy {
    const policy = queues[queue];
    if (!policy) throw new Error(`unknown job queue "${queue}" (declare it in src/jobs/queues.ts)`);
    return policy;
  }

  async function startQueue(queue: string, { handler, options: workOptions }: Registration): Promise<void> {
    const deps = { boss, database, log };
    await boss.work(
      queue,
      {
        includeMetadata: true,
        localConcurrency: workOptions.concurrency ?? 1,
        pollingIntervalSeconds: timing.pollingIntervalSeconds,
      },
      async (jobs: JobWithMetadata<unknown>[]) => {
        for (const job of jobs) await runAttempt(deps, handler, job);
      },
    );
    if (policyOf(queue).deadLetter === false) return;
    await boss.work(
      deadLetterQueueName(queue),
      { includeMetadata: true, pollingIntervalSeconds: timing.pollingIntervalSeconds },
      async (jobs: JobWithMetadata<unknown>[]) => {
        for (const job of jobs) {
          if (!job.sourceId) continue;
          const error = outputError(job.sourceOutput);
          await workOptions.onFinalFailure?.({ id: job.sourceId, data: job.data, error });
          await markFinallyFailed(database.db, job.sourceId, (job.sourceRetryCount ?? 0) + 1, error);
        }
      },
    );
  }

  const enqueue: JobQueue['enqueue'] = async (executor: Executor, queue, data, enqueueOptions = {}) => {
    policyOf(queue);
    // Both rows or neither: without a caller's transaction, one of our own.
    if (!executor.isTransaction) {
      return executor.transaction().execute((trx) => enqueue(trx, queue, data, enqueueOptions));
    }
    const id = randomUUID();
    await insertJobRow(executor, { id, queue, ownerId: enqueueOptions.ownerId ?? null });
    const sent = await boss.send(queue, data, {
      id,
      db: executorDb(executor),
      ...(enqueueOptions.priority !== undefined ? { priority: enqueueOptions.priority } : {}),
      ...(enqueueOptions.startAfterSeconds ? { startAfter: enqueueOptions.startAfterSeconds } : {}),
      ...(enqueueOptions.singletonKey ? { singletonKey: enqueueOptions.singletonKey } : {}),
    });
    if (!sent) throw new AppError('conflict', 'An identical job is already queued', { queue });
    return { id, status: 'queued' as const };
  };

  return {
    enqueue,

    work(queue, handler, workOptions = {}) {
      if (workOptions.onFinalFailure && policyOf(queue).deadLetter === false) {
        throw new Error(`"${queue}" has no dead-letter queue, so onFinalFailure could never run`);
      }
      policyOf(queue);
      if (registrations.has(queue)) throw new Error(`a handler for "${queue}" is already declared`);
      const registration: Registration = { handler: handler as JobHandler, options: workOptions as WorkOptions<unknown> };
      registrations.set(queue, registration);
      if (workersStarted) void startQueue(queue, registration).catch((err: unknown) => log.error({ err, queue }, 'could not start worker'));
    },

    async startWorkers() {
      if (workersStarted) return;
      workersStarted = true;
      for (const [queue, registration] of registrations) await startQueue(queue, registration);
    },

    every(intervalMs, task, firstAfterMs = intervalMs) {
      const run = () => {
        if (stopping) return;
        task().catch((err: unknown) => log.warn({ err }, 'periodic task failed'));
      };
      const first = setTimeout(() => {
        run();
        timers.push(setInterval(run, intervalMs).unref());
      }, firstAfterMs).unref();
      timers.push(first);
    },

    stop(stopOptions = {}) {
      for (const timer of timers.splice(0)) clearTimeout(timer);
      // Handlers still running at the timeout are failed, so their jobs are retried elsewhere.
      stopping ??= boss.stop({ graceful: stopOptions.graceful ?? true, timeout: stopOptions.timeoutMs ?? 10_000, close: false });
      return stopping;
    },

    async health() {
      if (stopping) throw new Error('job queue is stopped');
      if (!(await boss.isInstalled())) throw new Error('job queue schema is not installed');
    },

    async getJob(id) {
      if (!UUID.test(id)) return null;
      return selectJobRow(database.db, id);
    },
  };
}
