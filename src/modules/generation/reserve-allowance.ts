// The free tier's generation allowance. One conditional upsert per period both checks and counts, so
// two requests racing for the last free generation cannot both get it: the row lock orders them and
// the second sees the first's increment.
import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import type { Executor } from '../../db/executor.ts';

export interface AllowanceLimits {
  lifetime: number;
  monthly: number;
}

async function take(executor: Executor, userId: string, period: string, limit: number): Promise<boolean> {
  const { rows } = await sql<{ used: number }>`
    INSERT INTO generation_usage (user_id, period, used) VALUES (${userId}, ${period}, 1)
    ON CONFLICT (user_id, period) DO UPDATE SET used = generation_usage.used + 1
      WHERE generation_usage.used < ${limit}
    RETURNING used`.execute(executor);
  return rows.length === 1;
}

/**
 * Counts one generation against the lifetime and monthly allowances of a user without a pro wallet.
 * Over either limit: 402 `payment_required` (an upgrade lifts it; waiting does not, for the lifetime
 * one), and the caller's transaction must roll back (it does: the error propagates).
 */
export async function reserveAllowance(executor: Executor, userId: string, limits: AllowanceLimits, now = new Date()): Promise<void> {
  if (limits.lifetime > 0 && !(await take(executor, userId, 'lifetime', limits.lifetime))) {
    throw new AppError('payment_required', `The free plan includes ${limits.lifetime} generations; upgrade to generate more`, {
      period: 'lifetime',
      limit: limits.lifetime,
    });
  }
  const month = now.toISOString().slice(0, 7);
  if (limits.monthly > 0 && !(await take(executor, userId, month, limits.monthly))) {
    throw new AppError('payment_required', `The free plan includes ${limits.monthly} generations a month; upgrade or wait for next month`, {
      period: month,
      limit: limits.monthly,
    });
  }
}
