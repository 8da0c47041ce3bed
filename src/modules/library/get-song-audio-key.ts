import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { findVisibleSong, isPubliclyVisible } from './find-visible-song.ts';

/** The storage key of one take the caller may hear, and whether anyone may (for caching). */
export async function getSongAudioKey(
  ctx: Pick<AppContext, 'database'>,
  input: { songId: string; userId: string | null; position: number },
): Promise<{ key: string; isPublic: boolean }> {
  const { song } = await findVisibleSong(ctx, input);
  const variation = await ctx.database.db
    .selectFrom('song_variations')
    .select(['audio_key', 'status'])
    .where('song_id', '=', song.id)
    .where('position', '=', input.position)
    .executeTakeFirst();
  if (!variation || variation.status !== 'completed' || !variation.audio_key) throw notFound('Audio');
  return { key: variation.audio_key, isPublic: isPubliclyVisible(song) };
}
