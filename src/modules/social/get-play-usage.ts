import type { AppContext } from '../../app-context.ts';
import { playMonth } from './play-month.ts';
import { resolvePlayLimit } from './resolve-play-limit.ts';

export interface PlayUsageView {
  month: string;
  plays: number;
  /** Null when unlimited. */
  limit: number | null;
  remaining: number | null;
  resetsAt: Date;
}

/** The caller's plays this UTC month against their allowance. */
export async function getPlayUsage(
  ctx: Pick<AppContext, 'database' | 'config'>,
  userId: string,
  now: Date = new Date(),
): Promise<PlayUsageView> {
  const { db } = ctx.database;
  const { month, resetsAt } = playMonth(now);
  const limit = await resolvePlayLimit(ctx.config, db, userId);
  const row = await db.selectFrom('play_usage').select('plays').where('user_id', '=', userId).where('month', '=', month).executeTakeFirst();
  const plays = row?.plays ?? 0;
  return { month, plays, limit, remaining: limit === null ? null : Math.max(0, limit - plays), resetsAt };
}
