import type { Executor } from '../db/executor.ts';
import type { JobStatus } from '../db/schema.ts';

export type { JobStatus };

export interface EnqueueOptions {
  ownerId?: string | null;
  /** Higher runs first. */
  priority?: number;
  startAfterSeconds?: number;
  /** At most one queued-or-active job per key (where the queue policy allows it). */
  singletonKey?: string;
}

export interface JobContext<T> {
  id: string;
  queue: string;
  data: T;
  /** 1 for the first run, 2 for the first retry … */
  attempt: number;
  /** Aborted when this attempt lost its claim (expired, heartbeat lost, shutdown). */
  signal: AbortSignal;
  /** Records progress (0–100) on the public job row; ignored once a newer attempt took over. */
  progress(percent: number, message?: string): Promise<void>;
}

export type JobHandler<T = any> = (job: JobContext<T>) => Promise<unknown>;

export interface FinalFailure<T> {
  id: string;
  data: T;
  error: string;
}

export interface WorkOptions<T> {
  /** Jobs of this queue run at the same time in this process. */
  concurrency?: number;
  /** Runs once for a job whose last attempt failed, also when the process running it died. */
  onFinalFailure?: (job: FinalFailure<T>) => Promise<void>;
}

export interface JobRecord {
  id: string;
  queue: string;
  ownerId: string | null;
  status: JobStatus;
  progress: number;
  attempt: number;
  message: string | null;
  error: string | null;
  result: unknown;
  createdAt: Date;
  updatedAt: Date;
}


export interface JobQueue {
  /** Inserts the public `jobs` row and the pg-boss job through `executor` — pass a Kysely transaction to make both commit or roll back with the caller's rows. */
  enqueue(executor: Executor, queue: string, data: object, options?: EnqueueOptions): Promise<{ id: string; status: 'queued' }>;
  /** Declares a handler; started by startWorkers(). */
  work<T>(queue: string, handler: JobHandler<T>, options?: WorkOptions<T>): void;
  startWorkers(): Promise<void>;
  /**
   * Runs an idempotent housekeeping task in this worker process every `intervalMs` (first after
   * `firstAfterMs`) until stop(). Every worker runs it, so overlapping runs must be harmless.
   */
  every(intervalMs: number, task: () => Promise<void>, firstAfterMs?: number): void;
  /** Graceful by default: waits for running handlers up to `timeoutMs`. */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
  /** Throws if the queue backend is unusable. */
  health(): Promise<void>;
  getJob(id: string): Promise<JobRecord | null>;
}

export type { Executor };
