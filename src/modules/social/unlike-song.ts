import type { AppContext } from '../../app-context.ts';
import { findVisibleSong } from '../library/find-visible-song.ts';
import type { LikeState } from './like-song.ts';

/**
 * Takes the caller's like back; idempotent. Works on a song that has since turned private as long as
 * the caller had liked it (their like should not get stuck); otherwise the song must be visible.
 */
export async function unlikeSong(ctx: Pick<AppContext, 'database'>, input: { songId: string; userId: string }): Promise<LikeState> {
  const { song } = await findVisibleSong(ctx, input).catch(async (err) => {
    const liked = await ctx.database.db
      .selectFrom('interactions')
      .select('song_id')
      .where('user_id', '=', input.userId)
      .where('song_id', '=', input.songId)
      .where('kind', '=', 'like')
      .executeTakeFirst()
      .catch(() => undefined);
    if (!liked) throw err;
    return { song: { id: liked.song_id } };
  });
  return ctx.database.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('interactions')
      .where('user_id', '=', input.userId)
      .where('song_id', '=', song.id)
      .where('kind', '=', 'like')
      .returning('id')
      .executeTakeFirst();
    const counted = removed
      ? await trx
          .updateTable('songs')
          .set((eb) => ({ like_count: eb('like_count', '-', 1) }))
          .where('id', '=', song.id)
          .returning('like_count')
          .executeTakeFirst()
      : await trx.selectFrom('songs').select('like_count').where('id', '=', song.id).executeTakeFirst();
    return { liked: false, likeCount: counted?.like_count ?? 0 };
  });
}
