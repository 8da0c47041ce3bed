import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { unauthorized } from '../../errors.ts';
import { deriveSuccessorToken } from './derive-successor-token.ts';
import { hashToken } from './opaque-token.ts';
import { signAccessToken } from './sign-access-token.ts';
import type { AuthSession, PublicUser } from './types.ts';

/**
 * Two requests refreshing with the same token this close together are one client racing itself (two
 * tabs, a retry after a lost response): the second gets the same successor instead of a family revocation.
 */
export const REFRESH_GRACE_SECONDS = 10;

type Outcome = { kind: 'ok'; user: PublicUser; refreshToken: string } | { kind: 'invalid' } | { kind: 'reused' };

/**
 * Exchanges a refresh token for a new access token and the token's successor in the same family.
 * Presenting a token that was already used (outside the grace window) means it leaked: the whole
 * family is revoked, the legitimate holder included, and the caller gets 401.
 */
export async function rotateRefreshToken(ctx: Pick<AppContext, 'config' | 'database'>, token: string): Promise<AuthSession> {
  const tokenHash = hashToken(token);
  const successorToken = deriveSuccessorToken(ctx.config, token);
  const outcome = await ctx.database.db.transaction().execute(async (trx): Promise<Outcome> => {
    // The row lock serializes parallel refreshes of one token: the second sees the first's used_at.
    // Times are compared in the database so app servers' clocks don't matter.
    const row = await trx
      .selectFrom('refresh_tokens')
      .select([
        'id',
        'user_id',
        'family_id',
        'successor_id',
        'used_at',
        'revoked_at',
        sql<boolean>`expires_at > now()`.as('live'),
        sql<boolean>`used_at > now() - make_interval(secs => ${REFRESH_GRACE_SECONDS})`.as('in_grace'),
      ])
      .where('token_hash', '=', tokenHash)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.revoked_at !== null || !row.live) return { kind: 'invalid' };
    const user = await trx.selectFrom('users').select(['id', 'email', 'role']).where('id', '=', row.user_id).executeTakeFirst();
    if (!user) return { kind: 'invalid' };

    if (row.used_at !== null) {
      if (row.in_grace && row.successor_id) {
        const successor = await trx
          .selectFrom('refresh_tokens')
          .select(['used_at', 'revoked_at'])
          .where('id', '=', row.successor_id)
          .executeTakeFirst();
        if (successor && successor.used_at === null && successor.revoked_at === null) {
          return { kind: 'ok', user, refreshToken: successorToken };
        }
      }
      await trx
        .updateTable('refresh_tokens')
        .set({ revoked_at: sql`now()` })
        .where('family_id', '=', row.family_id)
        .where('revoked_at', 'is', null)
        .execute();
      return { kind: 'reused' };
    }

    const successor = await trx
      .insertInto('refresh_tokens')
      .values({
        user_id: row.user_id,
        family_id: row.family_id,
        token_hash: hashToken(successorToken),
        expires_at: new Date(Date.now() + ctx.config.jwt.refreshTtlSeconds * 1000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('refresh_tokens')
      .set({ used_at: sql`now()`, successor_id: successor.id })
      .where('id', '=', row.id)
      .execute();
    return { kind: 'ok', user, refreshToken: successorToken };
  });

  // Thrown after the transaction so that a family revocation commits.
  if (outcome.kind === 'reused') throw unauthorized('Refresh token was already used; all sessions of this login were revoked');
  if (outcome.kind === 'invalid') throw unauthorized('Invalid or expired refresh token');
  const access = await signAccessToken(ctx.config, outcome.user);
  return { user: outcome.user, accessToken: access.token, refreshToken: outcome.refreshToken, expiresIn: access.expiresIn };
}
