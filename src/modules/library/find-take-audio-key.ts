import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';

/** The storage key of a song's finished take at `position`; 404 while it has none. */
export async function findTakeAudioKey(ctx: Pick<AppContext, 'database'>, songId: string, position: number): Promise<string> {
  const variation = await ctx.database.db
    .selectFrom('song_variations')
    .select(['audio_key', 'status'])
    .where('song_id', '=', songId)
    .where('position', '=', position)
    .executeTakeFirst();
  if (!variation || variation.status !== 'completed' || !variation.audio_key) throw notFound('Audio');
  return variation.audio_key;
}
