import type { Executor } from '../../db/executor.ts';
import type { LoudnessTier } from './tables.ts';

/** The user's tier; a user without a row is on the free tier. */
export async function getLoudnessTier(db: Executor, userId: string): Promise<LoudnessTier> {
  const row = await db.selectFrom('loudness_tiers').select('tier').where('user_id', '=', userId).executeTakeFirst();
  return row?.tier ?? 'free';
}
