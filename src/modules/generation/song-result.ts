// The song as the generation stream reports it at the end: its takes with a signed link to each.
import type { AppContext } from '../../app-context.ts';

/** Signed audio links last this long; the library's /api/songs routes serve the audio for good. */
const AUDIO_URL_SECONDS = 3600;

export async function songResult(ctx: Pick<AppContext, 'database' | 'storage'>, songId: string) {
  const db = ctx.database.db;
  const song = await db.selectFrom('songs').selectAll().where('id', '=', songId).executeTakeFirst();
  if (!song) return null;
  const variations = await db.selectFrom('song_variations').selectAll().where('song_id', '=', songId).orderBy('position').execute();
  return {
    id: song.id,
    title: song.title,
    task: song.task,
    engine: song.engine,
    prompt: song.prompt,
    lyrics: song.lyrics,
    status: song.status,
    error: song.error,
    durationSeconds: song.duration_seconds,
    seed: Number(song.seed),
    parentId: song.parent_id,
    cost: song.cost,
    jobId: song.job_id,
    createdAt: song.created_at.toISOString(),
    completedAt: song.completed_at ? new Date(song.completed_at).toISOString() : null,
    variations: await Promise.all(
      variations.map(async (v) => ({
        id: v.id,
        position: v.position,
        status: v.status,
        seed: Number(v.seed),
        format: v.format,
        durationSeconds: v.duration_seconds,
        sampleRate: v.sample_rate,
        channels: v.channels,
        lrc: v.lrc,
        loudness: v.loudness,
        timings: v.timings,
        error: v.error,
        audioUrl: v.audio_key ? await ctx.storage.signedUrl(v.audio_key, { expiresInSeconds: AUDIO_URL_SECONDS }) : null,
      })),
    ),
  };
}

export type SongResult = NonNullable<Awaited<ReturnType<typeof songResult>>>;
