import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { findVisibleSong } from './find-visible-song.ts';
import { loadVariations } from './load-variations.ts';
import { toOwnerSongView, type OwnerSongView } from './song-view.ts';

export interface UpdateSongInput {
  songId: string;
  userId: string;
  title?: string;
  visibility?: 'private' | 'public';
}

/** The owner renames a song or changes who can see it. */
export async function updateSong(ctx: Pick<AppContext, 'database' | 'config'>, input: UpdateSongInput): Promise<OwnerSongView> {
  const { db } = ctx.database;
  await findVisibleSong(ctx, { songId: input.songId, userId: input.userId, ownerOnly: true });
  const changes: { title?: string; visibility?: 'private' | 'public' } = {};
  if (input.title !== undefined) changes.title = input.title;
  if (input.visibility !== undefined) changes.visibility = input.visibility;
  // The owner condition is repeated in the UPDATE itself: ownership is decided by the row written.
  const row =
    Object.keys(changes).length === 0
      ? await db.selectFrom('songs').selectAll().where('id', '=', input.songId).where('user_id', '=', input.userId).executeTakeFirst()
      : await db
          .updateTable('songs')
          .set({ ...changes, updated_at: new Date() })
          .where('id', '=', input.songId)
          .where('user_id', '=', input.userId)
          .returningAll()
          .executeTakeFirst();
  // Deleted between the check and the write.
  if (!row) throw notFound('Song');
  const variations = (await loadVariations(db, [row.id])).get(row.id) ?? [];
  return toOwnerSongView(ctx.config, row, variations);
}
