import type { AppContext } from '../../app-context.ts';
import { findVisibleSong } from './find-visible-song.ts';
import { loadVariations } from './load-variations.ts';
import { songAudioBase } from './song-audio-base.ts';
import { toVariationView, type VariationView } from './variation-view.ts';

export interface VariationDetail extends VariationView {
  format: string | null;
  sampleRate: number | null;
  channels: number | null;
  lrc: string | null;
  loudness: unknown;
  completedAt: Date | null;
}

/** A visible song's takes with their details (synced lyrics, loudness measurements). */
export async function listVariations(
  ctx: Pick<AppContext, 'database' | 'config'>,
  input: { songId: string; userId: string | null },
): Promise<{ items: VariationDetail[] }> {
  const { song } = await findVisibleSong(ctx, input);
  const rows = (await loadVariations(ctx.database.db, [song.id])).get(song.id) ?? [];
  const base = songAudioBase(ctx.config, song.id);
  return {
    items: rows.map((row) => ({
      ...toVariationView(row, base),
      format: row.format,
      sampleRate: row.sample_rate,
      channels: row.channels,
      lrc: row.lrc,
      loudness: row.loudness ?? null,
      completedAt: row.completed_at,
    })),
  };
}
