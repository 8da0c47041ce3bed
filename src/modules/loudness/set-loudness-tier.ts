import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import type { LoudnessTier } from './tables.ts';

/** Sets a user's tier (an administrator's decision until billing drives it). */
export async function setLoudnessTier(
  ctx: Pick<AppContext, 'database'>,
  input: { userId: string; tier: LoudnessTier },
): Promise<{ userId: string; tier: LoudnessTier }> {
  const db = ctx.database.db;
  const user = await db.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
  if (!user) throw notFound('User');
  await db
    .insertInto('loudness_tiers')
    .values({ user_id: input.userId, tier: input.tier })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ tier: input.tier, updated_at: sql`now()` }))
    .execute();
  return { userId: input.userId, tier: input.tier };
}
