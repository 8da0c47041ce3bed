import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';

const WINDOW_SECONDS = 3600;

/**
 * Seconds until fewer than `limit` failures remain in the last hour, or 0 when under the limit. The
 * limit-th most recent failure is the one whose ageing out makes room again.
 */
async function secondsUntilAllowed(
  ctx: Pick<AppContext, 'database'>,
  column: 'email' | 'ip',
  value: string,
  limit: number,
): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('login_attempts')
    .select(sql<number>`ceil(extract(epoch from created_at + make_interval(secs => ${WINDOW_SECONDS}) - now()))::int`.as('wait'))
    .where(column, '=', value)
    .where('succeeded', '=', false)
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${WINDOW_SECONDS})`)
    .orderBy('created_at', 'desc')
    .offset(limit - 1)
    .limit(1)
    .executeTakeFirst();
  return row ? Math.max(1, row.wait) : 0;
}

/**
 * Throws 429 with Retry-After when the account or the client address has used up its failed logins
 * for the hour. Counted in the database, so every instance shares the limits. Unknown e-mails are
 * limited like real ones: a different answer would tell which addresses have accounts.
 */
export async function assertLoginAllowed(ctx: Pick<AppContext, 'config' | 'database'>, input: { email: string; ip: string }): Promise<void> {
  const { loginAttemptsPerAccountPerHour, loginAttemptsPerIpPerHour } = ctx.config.auth;
  const wait = Math.max(
    await secondsUntilAllowed(ctx, 'email', input.email, loginAttemptsPerAccountPerHour),
    await secondsUntilAllowed(ctx, 'ip', input.ip, loginAttemptsPerIpPerHour),
  );
  if (wait > 0) {
    throw new AppError('rate_limited', 'Too many failed login attempts; try again later', { retryAfterSeconds: wait }, {
      'retry-after': String(wait),
    });
  }
}
