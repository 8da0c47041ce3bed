// The `generation.render` job. A local engine renders each take not yet completed (a retry skips the
// finished ones); an async engine gets the whole song once and its webhook completes it later.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { JobContext } from '../../jobs/types.ts';
import { appendGenerationLog } from './append-generation-log.ts';
import { completeVariation } from './complete-variation.ts';
import { getEngine } from './engines/registry.ts';
import type { AsyncEngine, LocalEngine } from './engines/types.ts';
import { loadGenerationInputs, type SongForRender } from './load-generation-inputs.ts';
import type { RenderJobData } from './render-job.ts';
import { defaultWebhookUrl } from './providers/webhook-url.ts';

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 2000);
}

async function renderLocal(ctx: AppContext, job: JobContext<RenderJobData>, engine: LocalEngine, song: SongForRender) {
  const log = (step: string, message: string) => appendGenerationLog(ctx.database.db, song.id, step, message);
  const total = song.inputs.length;
  for (const [i, input] of song.inputs.entries()) {
    if (song.takes[i].status === 'completed') continue;
    if (job.signal.aborted) throw new Error('the attempt lost its claim');
    const base = (i / total) * 100;
    await job.progress(Math.round(base), `rendering take ${i + 1} of ${total}`);
    await log('render', `take ${i + 1} of ${total}: rendering with ${engine.name} (attempt ${job.attempt})`);
    const workDir = await mkdtemp(join(tmpdir(), 'backbeat-render-'));
    const started = Date.now();
    try {
      const take = await engine.render(input, {
        workDir,
        signal: job.signal,
        log,
        progress: (fraction) => job.progress(Math.round(base + (fraction * 80) / total)),
      });
      const renderMs = Date.now() - started;
      if (job.signal.aborted) throw new Error('the attempt lost its claim');
      await job.progress(Math.round(base + 85 / total), `mastering take ${i + 1} of ${total}`);
      await log('master', `take ${i + 1}: mastering to −14 LUFS / −1 dBTP`);
      await completeVariation(ctx, input.variationId, { ...take, timings: { render: renderMs } });
    } catch (err) {
      const message = errorText(err);
      await ctx.database.db
        .updateTable('song_variations')
        .set({ error: message, timings: sql`timings || ${JSON.stringify({ failedAfter: Date.now() - started })}::jsonb` })
        .where('id', '=', input.variationId)
        .where('status', '<>', 'completed')
        .execute()
        .catch(() => {});
      await log('error', `take ${i + 1}: ${message} (attempt ${job.attempt})`).catch(() => {});
      throw err;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
}

async function submitAsync(ctx: AppContext, job: JobContext<RenderJobData>, engine: AsyncEngine, song: SongForRender) {
  // Submitted before (a retry after the ids were stored): the provider already has it.
  if (song.takes.every((t) => t.status === 'completed' || t.externalId)) return;
  const log = (step: string, message: string) => appendGenerationLog(ctx.database.db, song.id, step, message);
  await log('submit', `submitting ${song.inputs.length} take(s) to ${engine.name}`);
  const webhookUrl = defaultWebhookUrl(ctx.config.publicUrl, encodeURIComponent(engine.name));
  const { externalIds, params } = await engine.submit(song.inputs, { webhookUrl, signal: job.signal, log });
  if (externalIds.length !== song.inputs.length) throw new Error(`${engine.name} returned ${externalIds.length} ids for ${song.inputs.length} takes`);
  await ctx.database.db.transaction().execute(async (trx) => {
    for (const [i, input] of song.inputs.entries()) {
      await trx
        .updateTable('song_variations')
        .set({ external_id: externalIds[i], status: 'generating' })
        .where('id', '=', input.variationId)
        .where('status', '<>', 'completed')
        .execute();
    }
    await trx
      .updateTable('songs')
      .set({ params: sql`params || ${JSON.stringify({ provider: params })}::jsonb`, updated_at: sql`now()` })
      .where('id', '=', song.id)
      .execute();
  });
  await log('submitted', `waiting for ${engine.name}`);
}

export async function renderGeneration(ctx: AppContext, job: JobContext<RenderJobData>): Promise<{ songId: string; status: string }> {
  const { songId } = job.data;
  const song = await loadGenerationInputs(ctx.database.db, songId);
  if (!song) return { songId, status: 'missing' };
  // Finished either way (a retry after completion, or a song failed by a webhook): nothing to redo.
  if (song.status === 'completed' || song.status === 'failed') return { songId, status: song.status };
  await ctx.database.db
    .updateTable('songs')
    .set({ status: 'generating', updated_at: sql`now()` })
    .where('id', '=', songId)
    .where('status', '=', 'queued')
    .execute();
  const engine = getEngine(song.engine);
  if (engine.kind === 'async') {
    await submitAsync(ctx, job, engine, song);
    return { songId, status: 'submitted' };
  }
  await renderLocal(ctx, job, engine, song);
  const final = await ctx.database.db.selectFrom('songs').select('status').where('id', '=', songId).executeTakeFirstOrThrow();
  if (final.status !== 'completed') throw new Error(`song ${songId} is ${final.status} after rendering every take`);
  return { songId, status: 'completed' };
}
