// The job behind a provider's webhook: copy the take's audio from the provider into our storage
// (completeVariation masters and stores it and marks the take done) or fail the song (one refund,
// guaranteed by failGeneration). Safe to run twice: a finished take or song is left alone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../../app-context.ts';
import type { JobContext } from '../../../jobs/index.ts';
import { completeVariation } from '../complete-variation.ts';
import { failGeneration } from '../fail-generation.ts';
import { DownloadError, downloadAudio } from './download-audio.ts';
import type { ProviderResultJob } from './queue.ts';

export async function applyProviderResult(ctx: AppContext, job: JobContext<ProviderResultJob>): Promise<Record<string, unknown>> {
  const data = job.data;
  if (data.action === 'fail') {
    const result = await failGeneration(ctx, data.songId, `${data.provider}: ${data.error}`);
    return { action: 'fail', ...result };
  }
  const take = await ctx.database.db
    .selectFrom('song_variations as v')
    .innerJoin('songs as s', 's.id', 'v.song_id')
    .select(['v.status', 's.status as song_status'])
    .where('v.id', '=', data.variationId)
    .executeTakeFirst();
  if (!take || take.status === 'completed' || take.song_status === 'failed' || take.song_status === 'completed') {
    return { action: 'complete', skipped: true };
  }
  const dir = await mkdtemp(join(tmpdir(), 'backbeat-provider-'));
  try {
    const started = Date.now();
    const path = join(dir, 'take');
    let format;
    try {
      ({ format } = await downloadAudio(data.audioUrl, path, {
        maxBytes: ctx.config.providers.audioMaxBytes,
        timeoutMs: ctx.config.providers.audioTimeoutMs,
        signal: job.signal,
      }));
    } catch (err) {
      // Too large, not audio, gone (404): retrying won't help, so the song fails now.
      if (err instanceof DownloadError && !err.retryable) {
        const result = await failGeneration(ctx, data.songId, `${data.provider}: ${err.message}`);
        return { action: 'complete', downloadRefused: true, ...result };
      }
      throw err;
    }
    const result = await completeVariation(ctx, data.variationId, {
      filePath: path,
      format,
      plan: null,
      lrc: null,
      params: data.params,
      timings: { download: Date.now() - started },
    });
    return { action: 'complete', ...result };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
