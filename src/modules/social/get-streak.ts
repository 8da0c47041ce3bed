import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { StreakView } from './record-activity.ts';
import { utcDay } from './utc-day.ts';

/**
 * The caller's streak as of `now`: a streak whose last active day is before yesterday is already
 * broken, so it reads as 0 (the stored value is only rewritten by the next activity).
 */
export async function getStreak(ctx: Pick<AppContext, 'database'>, userId: string, now: Date = new Date()): Promise<StreakView> {
  const { rows } = await sql<{ current_streak: number; longest_streak: number; last_active: string | null; alive: boolean }>`
    SELECT current_streak, longest_streak, to_char(last_active_date, 'YYYY-MM-DD') AS last_active,
           COALESCE(last_active_date >= ${utcDay(now)}::date - 1, false) AS alive
    FROM profiles WHERE user_id = ${userId}`.execute(ctx.database.db);
  const row = rows[0];
  if (!row) return { currentStreak: 0, longestStreak: 0, lastActiveDate: null };
  return {
    currentStreak: row.alive ? row.current_streak : 0,
    longestStreak: row.longest_streak,
    lastActiveDate: row.last_active,
  };
}
