import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { isUuid } from '../auth/is-uuid.ts';

/** Revokes one of the caller's keys. Someone else's key, an unknown id or a revoked key is a 404. */
export async function revokeApiKey(ctx: Pick<AppContext, 'database'>, input: { userId: string; id: string }): Promise<void> {
  if (!isUuid(input.id)) throw notFound('API key');
  const result = await ctx.database.db
    .updateTable('api_keys')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', input.id)
    .where('user_id', '=', input.userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('API key');
}
