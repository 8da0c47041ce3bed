// A rendered take becomes a finished variation: mastered to −14 LUFS / −1 dBTP, stored in the
// `music` bucket with a JSON sidecar of what was asked and how it was made, and marked completed.
// Idempotent and fenced: a take already completed, or a song that has failed (and been refunded)
// meanwhile, is left alone and the objects this call stored are removed again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { normalizeFile, type NormalizeReport } from '../../audio/normalize/index.ts';
import { makeObjectKey } from '../../storage/index.ts';
import { appendGenerationLog } from './append-generation-log.ts';
import type { CompletedTake } from './engines/types.ts';

export const MASTER_TARGET = { targetLufs: -14, truePeakDbtp: -1 } as const;

const CONTENT_TYPES = { wav: 'audio/wav', flac: 'audio/flac', mp3: 'audio/mpeg' } as const;

export interface CompleteVariationResult {
  applied: boolean;
  /** True when this take was the song's last one outstanding. */
  songCompleted: boolean;
}

function loudnessSummary(report: NormalizeReport) {
  const pick = (r: NormalizeReport['output']) => ({
    integratedLufs: r.integratedLufs,
    truePeakDbtp: r.truePeakDbtp,
    loudnessRangeLu: r.loudnessRangeLu,
    samplePeakDbfs: r.samplePeakDbfs,
    durationSeconds: r.durationSeconds,
  });
  return { target: MASTER_TARGET, input: pick(report.input), output: pick(report.output), gainDb: report.gainDb, limiter: report.limiter, passes: report.passes };
}

async function loadTake(ctx: Pick<AppContext, 'database'>, variationId: string) {
  return ctx.database.db
    .selectFrom('song_variations as v')
    .innerJoin('songs as s', 's.id', 'v.song_id')
    .select([
      'v.id', 'v.song_id', 'v.position', 'v.status', 'v.seed', 'v.timings',
      's.user_id', 's.status as song_status', 's.task', 's.prompt', 's.lyrics', 's.title', 's.duration_seconds',
      's.engine', 's.parent_id', 's.params as song_params',
    ])
    .where('v.id', '=', variationId)
    .executeTakeFirst();
}

export async function completeVariation(
  ctx: Pick<AppContext, 'database' | 'storage' | 'config'>,
  variationId: string,
  take: CompletedTake,
): Promise<CompleteVariationResult> {
  const row = await loadTake(ctx, variationId);
  if (!row || row.status === 'completed' || row.song_status === 'failed' || row.song_status === 'completed') {
    return { applied: false, songCompleted: false };
  }
  const format = ctx.config.generation.audioFormat;
  const owner = row.user_id ?? row.song_id;
  const workDir = await mkdtemp(join(tmpdir(), 'backbeat-master-'));
  const stored: string[] = [];
  try {
    const started = Date.now();
    const mastered = join(workDir, `master.${format}`);
    // 16-bit (dithered) is the delivery standard; the engine's own take stays the 32-bit source.
    const report = await normalizeFile(take.filePath, mastered, { ...MASTER_TARGET, format, ...(format === 'mp3' ? {} : { bitDepth: 16 as const }) });
    const masterMs = Date.now() - started;

    const storeStarted = Date.now();
    const audioKey = makeObjectKey('music', owner, format);
    const info = await ctx.storage.putFile(audioKey, mastered, {
      contentType: CONTENT_TYPES[format],
      metadata: { 'song-id': row.song_id, variation: String(row.position), filename: `${row.song_id}_${row.position}.${format}` },
    });
    stored.push(audioKey);
    const loudness = loudnessSummary(report);
    const sidecar = {
      songId: row.song_id,
      variationId: row.id,
      position: row.position,
      request: {
        task: row.task, prompt: row.prompt, lyrics: row.lyrics, title: row.title, durationSeconds: row.duration_seconds,
        seed: row.seed, parentSongId: row.parent_id, engine: row.engine, ...(row.song_params as Record<string, unknown>),
      },
      engine: take.params,
      audio: { key: audioKey, format, bytes: info.size, sampleRate: report.output.sampleRate, channels: report.output.channels },
      loudness,
    };
    // Keys are server-made UUIDs (<bucket>/<owner>/<uuid>.<ext>); the conventional file name of the
    // sidecar, <songId>_input_params.json, travels in its metadata.
    const sidecarKey = makeObjectKey('music', owner, 'json');
    await ctx.storage.put(sidecarKey, Buffer.from(JSON.stringify(sidecar, null, 2)), {
      contentType: 'application/json',
      metadata: { 'song-id': row.song_id, filename: `${row.song_id}_input_params.json` },
    });
    stored.push(sidecarKey);
    const timings = { ...(row.timings as Record<string, number>), ...take.timings, master: masterMs, store: Date.now() - storeStarted };

    const outcome = await ctx.database.db.transaction().execute(async (trx) => {
      // Same lock as failGeneration: a song failed (and refunded) meanwhile stays failed.
      const song = await trx.selectFrom('songs').select('status').where('id', '=', row.song_id).forUpdate().executeTakeFirst();
      if (!song || song.status === 'failed' || song.status === 'completed') return { applied: false, songCompleted: false };
      const updated = await trx
        .updateTable('song_variations')
        .set({
          status: 'completed',
          audio_key: audioKey,
          sidecar_key: sidecarKey,
          format,
          duration_seconds: report.output.durationSeconds,
          sample_rate: report.output.sampleRate,
          channels: report.output.channels,
          plan: take.plan === null || take.plan === undefined ? null : JSON.stringify(take.plan),
          lrc: take.lrc,
          loudness: JSON.stringify(loudness),
          timings: JSON.stringify(timings),
          error: null,
          completed_at: sql`now()`,
        })
        .where('id', '=', variationId)
        .where('status', '<>', 'completed')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return { applied: false, songCompleted: false };
      await appendGenerationLog(
        trx, row.song_id, 'stored',
        `take ${row.position + 1}: ${report.output.durationSeconds.toFixed(1)} s ${format}, ${report.output.integratedLufs?.toFixed(1)} LUFS`,
      );
      const open = await trx
        .selectFrom('song_variations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('song_id', '=', row.song_id)
        .where('status', '<>', 'completed')
        .executeTakeFirstOrThrow();
      if (Number(open.n) > 0) return { applied: true, songCompleted: false };
      await trx
        .updateTable('songs')
        .set({ status: 'completed', error: null, completed_at: sql`now()`, updated_at: sql`now()` })
        .where('id', '=', row.song_id)
        .execute();
      await appendGenerationLog(trx, row.song_id, 'completed', 'all takes are ready');
      return { applied: true, songCompleted: true };
    });
    if (outcome.applied) stored.length = 0;
    return outcome;
  } finally {
    // Objects of a completion that lost (a stale attempt, a failed song) are not kept.
    for (const key of stored) await ctx.storage.delete(key).catch(() => {});
    await rm(workDir, { recursive: true, force: true });
  }
}
