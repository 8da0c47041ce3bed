import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { hashToken } from './opaque-token.ts';

/** Logout: revokes every token of the family `token` belongs to. An unknown token is a no-op. */
export async function revokeRefreshFamily(ctx: Pick<AppContext, 'database'>, token: string): Promise<void> {
  await ctx.database.db
    .updateTable('refresh_tokens')
    .set({ revoked_at: sql`now()` })
    .where('family_id', '=', (eb) =>
      eb.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', hashToken(token)),
    )
    .where('revoked_at', 'is', null)
    .execute();
}
