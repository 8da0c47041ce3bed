import type { Config } from '../../config.ts';

export type CreditPolicy = Config['credits'];

/** The next UTC midnight after `now`: daily grants refill once per calendar day (UTC). */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
