// Every queue and its policy, in one static list: queues are created from it at boot so that a
// transactional send never has to create one (or look one up) outside the caller's transaction.
// Modules add their queues here.

export interface QueuePolicy {
  /** Attempts after the first one. */
  retryLimit: number;
  /** Delay before a retry; with `retryBackoff` the base of an exponential delay (at least 1 s). */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** An attempt running longer than this is failed (and retried if attempts remain). */
  expireInSeconds: number;
  /** A worker refreshes a heartbeat every half of this; a job whose heartbeat stops is failed/retried. ≥ 10. */
  heartbeatSeconds?: number;
  /** A queue of its own receives jobs that finally failed (default true): it drives `onFinalFailure`. */
  deadLetter?: boolean;
}

export const QUEUES: Record<string, QueuePolicy> = {
  'mail.deliver': { retryLimit: 5, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 120 },
  'loudness.process': { retryLimit: 2, retryDelaySeconds: 15, retryBackoff: true, expireInSeconds: 6 * 3600, heartbeatSeconds: 30 },
  'generation.render': { retryLimit: 2, retryDelaySeconds: 2, retryBackoff: true, expireInSeconds: 1800, heartbeatSeconds: 30 },
  'generation.provider-result': { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 15 * 60 },
};

/** The dead-letter queue that receives `queue`'s finally failed jobs. */
export function deadLetterQueueName(queue: string): string {
  return `${queue}.dead`;
}
