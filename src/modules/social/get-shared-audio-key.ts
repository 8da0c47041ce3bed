import type { AppContext } from '../../app-context.ts';
import { findTakeAudioKey } from '../library/find-take-audio-key.ts';
import { findSharedSong } from './find-shared-song.ts';

/** The storage key of one take of a shared song. */
export async function getSharedAudioKey(ctx: Pick<AppContext, 'database'>, input: { slug: string; position: number }): Promise<string> {
  const song = await findSharedSong(ctx, input.slug);
  return findTakeAudioKey(ctx, song.id, input.position);
}
