import type { AppContext } from '../../app-context.ts';
import type { GenerationStatus, SongTask } from '../../db/schema.ts';
import { decodeCursor, exactTimestamp, olderThan, toPage } from '../../lib/cursor.ts';
import { loadVariations } from './load-variations.ts';
import { toOwnerSongView, type OwnerSongView } from './song-view.ts';

export interface ListSongsInput {
  userId: string;
  limit: number;
  cursor?: string;
  /** Case-insensitive substring of the title or the prompt. */
  q?: string;
  status?: GenerationStatus;
  task?: SongTask;
  visibility?: 'private' | 'public';
  favorite?: boolean;
  parentId?: string;
}

/** LIKE treats % and _ as wildcards (backslash is its default escape); a search for "100%" means the characters. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The caller's songs, newest first, each with its takes. */
export async function listSongs(
  ctx: Pick<AppContext, 'database' | 'config'>,
  input: ListSongsInput,
): Promise<{ items: OwnerSongView[]; nextCursor: string | null }> {
  const { db } = ctx.database;
  let query = db
    .selectFrom('songs')
    .selectAll()
    .select(exactTimestamp('created_at').as('cursorAt'))
    .where('user_id', '=', input.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
  if (input.q) {
    const pattern = likePattern(input.q);
    query = query.where((eb) => eb.or([eb('title', 'ilike', pattern), eb('prompt', 'ilike', pattern)]));
  }
  if (input.status) query = query.where('status', '=', input.status);
  if (input.task) query = query.where('task', '=', input.task);
  if (input.visibility) query = query.where('visibility', '=', input.visibility);
  if (input.favorite !== undefined) query = query.where('is_favorite', '=', input.favorite);
  if (input.parentId) query = query.where('parent_id', '=', input.parentId);
  if (input.cursor) query = query.where(olderThan(decodeCursor(input.cursor), 'created_at', 'id'));

  const page = toPage(await query.execute(), input.limit);
  const variations = await loadVariations(db, page.items.map((s) => s.id));
  return {
    items: page.items.map((row) => toOwnerSongView(ctx.config, row, variations.get(row.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}
