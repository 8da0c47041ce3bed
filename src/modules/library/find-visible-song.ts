import type { Selectable } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { SongsTable } from '../../db/schema.ts';
import { notFound, unauthorized } from '../../errors.ts';
import type { Executor } from '../../db/executor.ts';
import { isUuid } from './is-uuid.ts';

export type SongRow = Selectable<SongsTable>;

export interface VisibleSong {
  song: SongRow;
  isOwner: boolean;
}

/** Others see a song only once its owner made it public and it has finished. */
export function isPubliclyVisible(song: Pick<SongRow, 'visibility' | 'status'>): boolean {
  return song.visibility === 'public' && song.status === 'completed';
}

/**
 * The song if the caller may see it: the owner always, anyone else only when it is public. A song the
 * caller may not see is 404 for a signed-in caller and 401 for an anonymous one — the same answer
 * whether or not it exists, so neither reveals which ids are taken.
 */
export async function findVisibleSong(
  ctx: Pick<AppContext, 'database'>,
  input: { songId: string; userId: string | null; ownerOnly?: boolean },
  executor: Executor = ctx.database.db,
): Promise<VisibleSong> {
  const hidden = () => (input.userId ? notFound('Song') : unauthorized());
  if (!isUuid(input.songId)) throw hidden();
  const song = await executor.selectFrom('songs').selectAll().where('id', '=', input.songId).executeTakeFirst();
  if (!song) throw hidden();
  const isOwner = input.userId !== null && song.user_id === input.userId;
  if (isOwner) return { song, isOwner };
  if (input.ownerOnly || !isPubliclyVisible(song)) throw hidden();
  return { song, isOwner };
}
