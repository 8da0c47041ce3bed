import type { AppContext } from '../../app-context.ts';
import { loadVariations } from '../library/load-variations.ts';
import { toVariationView, type VariationView } from '../library/variation-view.ts';
import { findSharedSong } from './find-shared-song.ts';

export interface SharedSongView {
  slug: string;
  title: string;
  durationSeconds: number;
  createdAt: Date;
  owner: { username: string | null; displayName: string | null };
  variations: VariationView[];
}

/**
 * What a share link shows anyone: the title, length, the owner's public name and audio served
 * through the link itself. Nothing else — not the song's id, prompt, lyrics, visibility or owner id.
 */
export async function getSharedSong(ctx: Pick<AppContext, 'database' | 'config'>, slug: string): Promise<SharedSongView> {
  const song = await findSharedSong(ctx, slug);
  const { db } = ctx.database;
  const variations = (await loadVariations(db, [song.id])).get(song.id) ?? [];
  const profile = song.user_id
    ? await db.selectFrom('profiles').select(['username', 'display_name']).where('user_id', '=', song.user_id).executeTakeFirst()
    : undefined;
  const base = `${ctx.config.publicUrl}/api/share/${slug}/audio`;
  return {
    slug,
    title: song.title,
    durationSeconds: song.duration_seconds,
    createdAt: song.created_at,
    owner: { username: profile?.username ?? null, displayName: profile?.display_name ?? null },
    variations: variations.map((v) => toVariationView(v, base)),
  };
}
