import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import type { SongRow } from '../library/find-visible-song.ts';

const SLUG = /^[A-Za-z0-9_-]{1,32}$/;

/** The completed song behind a share slug, or 404. */
export async function findSharedSong(ctx: Pick<AppContext, 'database'>, slug: string): Promise<SongRow> {
  if (!SLUG.test(slug)) throw notFound('Shared song');
  const song = await ctx.database.db
    .selectFrom('songs')
    .selectAll()
    .where('share_slug', '=', slug)
    .where('status', '=', 'completed')
    .executeTakeFirst();
  if (!song) throw notFound('Shared song');
  return song;
}
