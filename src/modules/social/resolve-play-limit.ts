import type { Config } from '../../config.ts';
import type { Executor } from '../../db/executor.ts';

/** Plays allowed a month for this user, or null for unlimited (no limit configured, or a pro wallet). */
export async function resolvePlayLimit(
  config: Pick<Config, 'social'>,
  executor: Executor,
  userId: string,
): Promise<number | null> {
  const limit = config.social.freeMonthlyPlayLimit;
  if (limit === 0) return null;
  const wallet = await executor.selectFrom('wallets').select('is_pro').where('user_id', '=', userId).executeTakeFirst();
  return wallet?.is_pro ? null : limit;
}
