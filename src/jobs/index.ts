// The jobs layer: pg-boss 12.35.0 on the application's database (schema `pgboss`), driven through
// the one pool, plus the public `jobs` table owners read. Queues are declared in queues.ts.
export { createJobQueue, type CreateJobQueueOptions } from './create-job-queue.ts';
export { installJobSchema } from './install-job-schema.ts';
export { QUEUES, deadLetterQueueName, type QueuePolicy } from './queues.ts';
export type { JobTiming } from './boss-options.ts';
export type {
  EnqueueOptions,
  Executor,
  FinalFailure,
  JobContext,
  JobHandler,
  JobQueue,
  JobRecord,
  JobStatus,
  WorkOptions,
} from './types.ts';
