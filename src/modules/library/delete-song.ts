import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../errors.ts';
import { findVisibleSong } from './find-visible-song.ts';

/**
 * Deletes the owner's song: its row (variations, interactions and logs go with it by cascade;
 * children keep existing with parent_id set to null) and then its stored audio and sidecars. Rows go
 * first: a file left behind by a failed storage call is only wasted space, while a row pointing at a
 * missing file would be a broken song. A song still being generated is refused (409) — its worker
 * would otherwise store audio for a song that no longer exists.
 */
export async function deleteSong(ctx: Pick<AppContext, 'database' | 'storage' | 'log'>, input: { songId: string; userId: string }): Promise<void> {
  const { song } = await findVisibleSong(ctx, { ...input, ownerOnly: true });
  if (song.status === 'queued' || song.status === 'generating') {
    throw new AppError('conflict', 'This song is still being generated; delete it once it has completed or failed', {
      status: song.status,
    });
  }
  const keys = await ctx.database.db.transaction().execute(async (trx) => {
    const variations = await trx
      .selectFrom('song_variations')
      .select(['audio_key', 'sidecar_key'])
      .where('song_id', '=', input.songId)
      .execute();
    const deleted = await trx
      .deleteFrom('songs')
      .where('id', '=', input.songId)
      .where('user_id', '=', input.userId)
      .returning('id')
      .executeTakeFirst();
    if (!deleted) throw notFound('Song');
    return variations.flatMap((v) => [v.audio_key, v.sidecar_key]).filter((k): k is string => k !== null);
  });
  for (const key of keys) {
    try {
      await ctx.storage.delete(key);
    } catch (err) {
      ctx.log.warn({ err, key, songId: input.songId }, 'could not delete a deleted song\'s stored file');
    }
  }
}
