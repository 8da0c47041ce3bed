// How pg-boss is configured here: our pool as its database, polling instead of LISTEN/NOTIFY (the
// PGlite shim cannot hold a listening session, and Postgres then stays the only coordinator), and
// supervision intervals short enough that a dead worker's job is retried within seconds.
import type { ConstructorOptions, Queue } from 'pg-boss';
import type { Database } from '../db/create-database.ts';
import { poolDb } from './boss-db.ts';
import { deadLetterQueueName, type QueuePolicy } from './queues.ts';

export const BOSS_SCHEMA = 'pgboss';

export interface JobTiming {
  /** How often an idle worker asks for a job. ≥ 0.5. */
  pollingIntervalSeconds: number;
  /** How often expired and heartbeat-stale attempts are failed (and retried). ≥ 1. */
  superviseIntervalSeconds: number;
}

export const DEFAULT_TIMING: JobTiming = { pollingIntervalSeconds: 1, superviseIntervalSeconds: 10 };

export function bossOptions(database: Database, timing: JobTiming, supervise: boolean): ConstructorOptions {
  return {
    db: poolDb(database.pool),
    schema: BOSS_SCHEMA,
    backend: 'postgres',
    useListenNotify: false,
    migrate: true,
    supervise,
    schedule: false,
    superviseIntervalSeconds: timing.superviseIntervalSeconds,
    monitorIntervalSeconds: timing.superviseIntervalSeconds,
    persistWarnings: false,
    // REINDEX CONCURRENTLY is for a shared server; an embedded database stays small.
    reindex: database.kind === 'postgres',
  };
}

/** pg-boss queue options for a policy; `deadLetter` names the queue's dead-letter queue. */
export function queueOptions(name: string, policy: QueuePolicy): Omit<Queue, 'name'> {
  return {
    retryLimit: policy.retryLimit,
    retryDelay: policy.retryDelaySeconds,
    retryBackoff: policy.retryBackoff,
    expireInSeconds: policy.expireInSeconds,
    ...(policy.heartbeatSeconds ? { heartbeatSeconds: policy.heartbeatSeconds } : {}),
    ...(policy.deadLetter !== false ? { deadLetter: deadLetterQueueName(name) } : {}),
    // Our `jobs` table is the record owners read; pg-boss's finished copies can go after a day.
    deleteAfterSeconds: 24 * 3600,
    // pg-boss deletes jobs left queued this long (default 14 days): keep them for the maximum, or
    // a long backlog would leave public rows "queued" forever.
    retentionSeconds: 365 * 24 * 3600,
  };
}

/** A dead-letter queue's own policy: its job runs `onFinalFailure` and marks the public row failed. */
export const DEAD_LETTER_POLICY: QueuePolicy = {
  retryLimit: 10,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 300,
  deadLetter: false,
};
