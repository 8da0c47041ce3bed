import type { AppContext } from '../../app-context.ts';
import type { PublicUser } from './types.ts';

/**
 * The user behind a verified access token, read on every request: a deleted user's token stops
 * working at once, a role change applies without waiting for the token to expire, and tokens issued
 * before a password reset are refused. `issuedAt` is the token's `iat` (whole seconds).
 */
export async function findSessionUser(ctx: Pick<AppContext, 'database'>, userId: string, issuedAt: number): Promise<PublicUser | null> {
  const row = await ctx.database.db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'password_changed_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  // iat has one-second resolution: a token from the same second as the reset is let through rather
  // than refusing the login that immediately follows it.
  if (row.password_changed_at && issuedAt < Math.floor(row.password_changed_at.getTime() / 1000)) return null;
  return { id: row.id, email: row.email, role: row.role };
}
