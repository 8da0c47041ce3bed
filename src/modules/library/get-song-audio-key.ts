import type { AppContext } from '../../app-context.ts';
import { findTakeAudioKey } from './find-take-audio-key.ts';
import { findVisibleSong, isPubliclyVisible } from './find-visible-song.ts';

/** The storage key of one take the caller may hear, and whether anyone may (for caching). */
export async function getSongAudioKey(
  ctx: Pick<AppContext, 'database'>,
  input: { songId: string; userId: string | null; position: number },
): Promise<{ key: string; isPublic: boolean }> {
  const { song } = await findVisibleSong(ctx, input);
  return { key: await findTakeAudioKey(ctx, song.id, input.position), isPublic: isPubliclyVisible(song) };
}
