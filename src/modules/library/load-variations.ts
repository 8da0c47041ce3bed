import type { Executor } from '../../db/executor.ts';
import type { VariationRow } from './variation-view.ts';

/** The takes of several songs in one query, grouped by song and ordered by position. */
export async function loadVariations(executor: Executor, songIds: string[]): Promise<Map<string, VariationRow[]>> {
  const bySong = new Map<string, VariationRow[]>();
  if (songIds.length === 0) return bySong;
  const rows = await executor
    .selectFrom('song_variations')
    .selectAll()
    .where('song_id', 'in', songIds)
    .orderBy('song_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const list = bySong.get(row.song_id) ?? [];
    list.push(row);
    bySong.set(row.song_id, list);
  }
  return bySong;
}
