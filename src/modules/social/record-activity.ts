import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { utcDay } from './utc-day.ts';

export interface StreakView {
  currentStreak: number;
  longestStreak: number;
  /** 'YYYY-MM-DD' (UTC), null before any activity. */
  lastActiveDate: string | null;
}

/**
 * Counts the user as active on `now`'s UTC day (generating, playing, liking): the same day changes
 * nothing, the day after the last active one extends the streak, a gap restarts it at 1. One upsert,
 * so concurrent activities of one user serialize on the profile row and can't both extend the streak;
 * an instant earlier than the last active day (a late or replayed event) is ignored. Pass the caller's
 * transaction to make the streak commit or roll back with the activity itself.
 */
export async function recordActivity(executor: Executor, userId: string, now: Date = new Date()): Promise<StreakView> {
  const day = utcDay(now);
  const extended = sql`CASE WHEN p.last_active_date = ${day}::date - 1 THEN p.current_streak + 1 ELSE 1 END`;
  const result = await sql<{ current_streak: number; longest_streak: number; last_active: string | null }>`
    INSERT INTO profiles AS p (user_id, current_streak, longest_streak, last_active_date)
    VALUES (${userId}, 1, 1, ${day}::date)
    ON CONFLICT (user_id) DO UPDATE SET
      current_streak = ${extended},
      longest_streak = GREATEST(p.longest_streak, ${extended}),
      last_active_date = ${day}::date,
      updated_at = now()
    WHERE p.last_active_date IS NULL OR p.last_active_date < ${day}::date
    RETURNING p.current_streak, p.longest_streak, to_char(p.last_active_date, 'YYYY-MM-DD') AS last_active`.execute(executor);
  const row =
    result.rows[0] ??
    (
      await sql<{ current_streak: number; longest_streak: number; last_active: string | null }>`
        SELECT current_streak, longest_streak, to_char(last_active_date, 'YYYY-MM-DD') AS last_active
        FROM profiles WHERE user_id = ${userId}`.execute(executor)
    ).rows[0];
  return { currentStreak: row.current_streak, longestStreak: row.longest_streak, lastActiveDate: row.last_active };
}
