import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { findSharedSong } from './find-shared-song.ts';

/** The storage key of one take of a shared song. */
export async function getSharedAudioKey(ctx: Pick<AppContext, 'database'>, input: { slug: string; position: number }): Promise<string> {
  const song = await findSharedSong(ctx, input.slug);
  const variation = await ctx.database.db
    .selectFrom('song_variations')
    .select(['audio_key', 'status'])
    .where('song_id', '=', song.id)
    .where('position', '=', input.position)
    .executeTakeFirst();
  if (!variation || variation.status !== 'completed' || !variation.audio_key) throw notFound('Audio');
  return variation.audio_key;
}
