import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { LoudnessTier } from './tables.ts';
import { TIERS } from './tiers.ts';
import { usagePeriod } from './usage-period.ts';

export function quotaExceeded(tier: LoudnessTier, limit: number, resetsAt: Date, now = new Date()): AppError {
  const retryAfter = Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000));
  return new AppError(
    'rate_limited',
    `Monthly upload limit reached: the ${tier} tier allows ${limit} upload${limit === 1 ? '' : 's'} a month; it resets at ${resetsAt.toISOString()}`,
    { tier, limit, resetsAt: resetsAt.toISOString() },
    { 'retry-after': String(retryAfter) },
  );
}

/**
 * Takes one upload from this month's allowance, inside the caller's transaction. The increment and
 * the limit check are one statement: the row lock taken by the upsert makes parallel uploads wait for
 * each other, so at most `limit` of them ever succeed. Unlimited tiers are counted too.
 */
export async function reserveUploadQuota(
  trx: Transaction<DB>,
  input: { userId: string; tier: LoudnessTier; now?: Date },
): Promise<{ period: string; used: number }> {
  const { period, resetsAt } = usagePeriod(input.now);
  const limit = TIERS[input.tier].monthlyUploads;
  const row = await trx
    .insertInto('loudness_usage')
    .values({ user_id: input.userId, period, used: 1 })
    .onConflict((oc) => {
      const update = oc.columns(['user_id', 'period']).doUpdateSet({ used: sql`loudness_usage.used + 1`, updated_at: sql`now()` });
      return limit === null ? update : update.where('loudness_usage.used', '<', limit);
    })
    .returning('used')
    .executeTakeFirst();
  // The month's first upload inserts used = 1 without a check; the comparison covers a limit of 0.
  if (!row || (limit !== null && row.used > limit)) throw quotaExceeded(input.tier, limit ?? 0, resetsAt, input.now);
  return { period, used: row.used };
}
