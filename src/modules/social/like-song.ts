import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { findVisibleSong } from '../library/find-visible-song.ts';
import { recordActivity } from './record-activity.ts';

export interface LikeState {
  liked: boolean;
  likeCount: number;
}

/**
 * Likes a song the caller can see (their own, or a public one). Idempotent: the partial unique index
 * on (user_id, song_id) lets one like row exist, and the counter moves only when this transaction
 * inserted it — so however many likes race, like_count equals the number of like rows.
 */
export async function likeSong(
  ctx: Pick<AppContext, 'database'>,
  input: { songId: string; userId: string; now?: Date },
): Promise<LikeState> {
  const { song } = await findVisibleSong(ctx, input);
  return ctx.database.db.transaction().execute(async (trx) => {
    const inserted = await sql<{ id: string }>`
      INSERT INTO interactions (user_id, song_id, kind) VALUES (${input.userId}, ${song.id}, 'like')
      ON CONFLICT (user_id, song_id) WHERE kind = 'like' DO NOTHING
      RETURNING id`.execute(trx);
    const counted =
      inserted.rows.length > 0
        ? await trx
            .updateTable('songs')
            .set((eb) => ({ like_count: eb('like_count', '+', 1) }))
            .where('id', '=', song.id)
            .returning('like_count')
            .executeTakeFirst()
        : await trx.selectFrom('songs').select('like_count').where('id', '=', song.id).executeTakeFirst();
    await recordActivity(trx, input.userId, input.now);
    return { liked: true, likeCount: counted?.like_count ?? 0 };
  });
}
