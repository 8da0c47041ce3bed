import type { Selectable } from 'kysely';
import type { GenerationStatus, SongVariationsTable } from '../../db/schema.ts';

export type VariationRow = Selectable<SongVariationsTable>;

export interface VariationView {
  id: string;
  position: number;
  status: GenerationStatus;
  durationSeconds: number | null;
  /** Null until the take has audio. */
  audioUrl: string | null;
}

/**
 * How a take is shown. `audioBase` is the URL the audio is served under (the song's audio route, or a
 * share link's); the position picks the take.
 */
export function toVariationView(row: VariationRow, audioBase: string): VariationView {
  const playable = row.status === 'completed' && row.audio_key !== null;
  return {
    id: row.id,
    position: row.position,
    status: row.status,
    durationSeconds: row.duration_seconds,
    audioUrl: playable ? `${audioBase}?variation=${row.position}` : null,
  };
}
