import type { Selectable } from 'kysely';
import type { LoudnessPresetsTable } from './tables.ts';

export interface PresetView {
  id: string;
  slug: string | null;
  name: string;
  description: string | null;
  targetLufs: number;
  truePeak: number;
  builtIn: boolean;
  createdAt: string;
}

export function presetView(row: Selectable<LoudnessPresetsTable>): PresetView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    targetLufs: row.target_lufs,
    truePeak: row.true_peak_dbtp,
    builtIn: row.owner_id === null,
    createdAt: row.created_at.toISOString(),
  };
}
