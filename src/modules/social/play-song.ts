import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import { findVisibleSong } from '../library/find-visible-song.ts';
import { playMonth } from './play-month.ts';
import { recordActivity } from './record-activity.ts';
import { resolvePlayLimit } from './resolve-play-limit.ts';

export interface PlayResult {
  playCount: number;
  month: string;
  plays: number;
  limit: number | null;
  remaining: number | null;
}

function playLimitReached(limit: number, resetsAt: Date, now: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000));
  return new AppError(
    'rate_limited',
    `Monthly play limit reached: the free tier allows ${limit} play${limit === 1 ? '' : 's'} a month; it resets at ${resetsAt.toISOString()}`,
    { limit, resetsAt: resetsAt.toISOString() },
    { 'retry-after': String(retryAfter) },
  );
}

/**
 * Counts one play of a song the caller can see: the song's play_count, the caller's plays this UTC
 * month, a play interaction and the caller's streak, all in one transaction. The month's counter is a
 * conditional upsert — increment only while below the limit — so parallel plays near the limit
 * serialize on the usage row and at most `limit` of them pass; the rest are 429 `rate_limited`.
 */
export async function playSong(
  ctx: Pick<AppContext, 'database' | 'config'>,
  input: { songId: string; userId: string; now?: Date },
): Promise<PlayResult> {
  const now = input.now ?? new Date();
  const { song } = await findVisibleSong(ctx, input);
  const { month, resetsAt } = playMonth(now);
  return ctx.database.db.transaction().execute(async (trx) => {
    const limit = await resolvePlayLimit(ctx.config, trx, input.userId);
    const usage = await trx
      .insertInto('play_usage')
      .values({ user_id: input.userId, month, plays: 1 })
      .onConflict((oc) => {
        const update = oc.columns(['user_id', 'month']).doUpdateSet({ plays: sql`play_usage.plays + 1`, updated_at: sql`now()` });
        return limit === null ? update : update.where('play_usage.plays', '<', limit);
      })
      .returning('plays')
      .executeTakeFirst();
    if (!usage) throw playLimitReached(limit ?? 0, resetsAt, now);
    const counted = await trx
      .updateTable('songs')
      .set((eb) => ({ play_count: eb('play_count', '+', 1) }))
      .where('id', '=', song.id)
      .returning('play_count')
      .executeTakeFirst();
    await trx.insertInto('interactions').values({ user_id: input.userId, song_id: song.id, kind: 'play' }).execute();
    await recordActivity(trx, input.userId, now);
    return {
      playCount: counted?.play_count ?? 0,
      month,
      plays: usage.plays,
      limit,
      remaining: limit === null ? null : Math.max(0, limit - usage.plays),
    };
  });
}
