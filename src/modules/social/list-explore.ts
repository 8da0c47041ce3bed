import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { decodeCursor, encodeCursor, exactTimestamp, olderThan } from '../../lib/cursor.ts';
import { loadVariations } from '../library/load-variations.ts';
import { toPublicSongView, type PublicSongView } from '../library/song-view.ts';
import { decodeLikedCursor, encodeLikedCursor } from './explore-cursor.ts';

export type ExploreSort = 'newest' | 'most_liked';

/**
 * Public, completed songs for anyone: newest first, or most liked first (ties newest first). Both
 * orders are keyset-paginated, so a page is as fast deep in the feed as on top. In the liked order a
 * song whose count changes between two page requests may move across the cursor (shown twice or not
 * at all); a feed accepts that in exchange for not holding a snapshot.
 */
export async function listExplore(
  ctx: Pick<AppContext, 'database' | 'config'>,
  input: { sort: ExploreSort; limit: number; cursor?: string },
): Promise<{ items: PublicSongView[]; nextCursor: string | null }> {
  const { db } = ctx.database;
  let query = db
    .selectFrom('songs as s')
    .leftJoin('profiles as p', 'p.user_id', 's.user_id')
    .select([
      's.id',
      's.title',
      's.task',
      's.like_count',
      's.play_count',
      's.duration_seconds',
      's.created_at',
      's.completed_at',
      'p.username',
      'p.display_name',
      exactTimestamp('s.created_at').as('cursorAt'),
    ])
    .where('s.visibility', '=', 'public')
    .where('s.status', '=', 'completed')
    .limit(input.limit + 1);
  if (input.sort === 'most_liked') {
    query = query.orderBy('s.like_count', 'desc').orderBy('s.created_at', 'desc').orderBy('s.id', 'desc');
    if (input.cursor) {
      const c = decodeLikedCursor(input.cursor);
      query = query.where(
        sql<boolean>`(s.like_count, s.created_at, s.id) < (${c.likes}::integer, ${c.at}::timestamptz, ${c.id}::uuid)`,
      );
    }
  } else {
    query = query.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc');
    if (input.cursor) query = query.where(olderThan(decodeCursor(input.cursor), 's.created_at', 's.id'));
  }
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > input.limit && last) {
    nextCursor =
      input.sort === 'most_liked'
        ? encodeLikedCursor({ likes: last.like_count, at: last.cursorAt, id: last.id })
        : encodeCursor({ at: last.cursorAt, id: last.id });
  }
  const variations = await loadVariations(db, page.map((r) => r.id));
  return {
    items: page.map((row) =>
      toPublicSongView(ctx.config, row, { username: row.username, displayName: row.display_name }, variations.get(row.id) ?? []),
    ),
    nextCursor,
  };
}
