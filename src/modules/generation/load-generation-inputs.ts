// The engine inputs of a song's takes, parent included, from the stored rows.
import type { Executor } from '../../db/executor.ts';
import type { GenerationInput } from './engines/types.ts';

export interface SongForRender {
  id: string;
  userId: string | null;
  engine: string;
  status: string;
  inputs: GenerationInput[];
  /** Per input: already completed, and the provider id if submitted. */
  takes: { id: string; status: string; externalId: string | null }[];
}

export async function loadGenerationInputs(db: Executor, songId: string): Promise<SongForRender | null> {
  const song = await db.selectFrom('songs').selectAll().where('id', '=', songId).executeTakeFirst();
  if (!song) return null;
  const variations = await db
    .selectFrom('song_variations')
    .select(['id', 'position', 'seed', 'status', 'external_id'])
    .where('song_id', '=', songId)
    .orderBy('position')
    .execute();
  let parent: GenerationInput['parent'] = null;
  if (song.parent_id) {
    const p = await db
      .selectFrom('songs as s')
      .leftJoin('song_variations as v', (j) => j.onRef('v.song_id', '=', 's.id').on('v.position', '=', 0))
      .select(['s.id', 's.params', 'v.plan', 'v.audio_key'])
      .where('s.id', '=', song.parent_id)
      .executeTakeFirst();
    if (p) parent = { songId: p.id, plan: p.plan ?? null, audioKey: p.audio_key ?? null, params: (p.params ?? {}) as Record<string, unknown> };
  }
  const params = (song.params ?? {}) as { region?: { start: number; end: number } | null };
  return {
    id: song.id,
    userId: song.user_id,
    engine: song.engine,
    status: song.status,
    takes: variations.map((v) => ({ id: v.id, status: v.status, externalId: v.external_id })),
    inputs: variations.map((v) => ({
      songId: song.id,
      variationId: v.id,
      position: v.position,
      userId: song.user_id,
      task: song.task,
      prompt: song.prompt,
      lyrics: song.lyrics,
      title: song.title,
      durationSeconds: song.duration_seconds,
      seed: Number(v.seed),
      region: params.region ?? null,
      parent,
    })),
  };
}
