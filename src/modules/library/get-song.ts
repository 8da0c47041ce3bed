import type { AppContext } from '../../app-context.ts';
import { findVisibleSong } from './find-visible-song.ts';
import { loadVariations } from './load-variations.ts';
import { toOwnerSongView, toPublicSongView, type OwnerSongView, type PublicSongView } from './song-view.ts';

export type SongDetail =
  | (OwnerSongView & { isOwner: true; lyrics: string | null; error: string | null; likedByMe: boolean })
  | (PublicSongView & { isOwner: false; lyrics: string | null; likedByMe: boolean });

/** One song as the caller may see it: the owner's full view, or the public view of a public song. */
export async function getSong(
  ctx: Pick<AppContext, 'database' | 'config'>,
  input: { songId: string; userId: string | null },
): Promise<SongDetail> {
  const { db } = ctx.database;
  const { song, isOwner } = await findVisibleSong(ctx, input);
  const variations = (await loadVariations(db, [song.id])).get(song.id) ?? [];
  const liked = input.userId
    ? await db
        .selectFrom('interactions')
        .select('id')
        .where('user_id', '=', input.userId)
        .where('song_id', '=', song.id)
        .where('kind', '=', 'like')
        .executeTakeFirst()
    : undefined;
  const likedByMe = liked !== undefined;
  if (isOwner) {
    return { ...toOwnerSongView(ctx.config, song, variations), isOwner: true, lyrics: song.lyrics, error: song.error, likedByMe };
  }
  const profile = song.user_id
    ? await db.selectFrom('profiles').select(['username', 'display_name']).where('user_id', '=', song.user_id).executeTakeFirst()
    : undefined;
  const owner = { username: profile?.username ?? null, displayName: profile?.display_name ?? null };
  return { ...toPublicSongView(ctx.config, song, owner, variations), isOwner: false, lyrics: song.lyrics, likedByMe };
}
