import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { AudioStats } from './audio-stats.ts';
import { isUuid } from './is-uuid.ts';
import { platformPlayback, type Playback } from './platform-playback.ts';
import { PLATFORMS } from './platforms.ts';

export interface LoudnessReport {
  id: string;
  targetLufs: number;
  truePeakCeiling: number;
  /** Short-term loudness (3 s window) at each whole second; null where silent. */
  shortTerm: { intervalSeconds: number; input: (number | null)[]; output: (number | null)[] };
  platforms: {
    id: string;
    name: string;
    referenceLufs: number;
    turnsUp: boolean;
    upPeakCeilingDbtp: number | null;
    original: Playback | null;
    result: Playback | null;
  }[];
}

/** Before/after series for plotting and the per-platform playback table, for a completed job. */
export async function getLoudnessReport(ctx: Pick<AppContext, 'database'>, input: { userId: string; jobId: string }): Promise<LoudnessReport> {
  if (!isUuid(input.jobId)) throw notFound('Loudness job');
  const row = await ctx.database.db
    .selectFrom('processing_jobs')
    .select(['id', 'status', 'target_lufs', 'true_peak_dbtp', 'input_stats', 'output_stats', 'series'])
    .where('id', '=', input.jobId)
    .where('owner_id', '=', input.userId)
    .executeTakeFirst();
  if (!row) throw notFound('Loudness job');
  if (row.status !== 'completed' || !row.input_stats || !row.output_stats) {
    throw new AppError('conflict', `The report is available once the job has completed (it is ${row.status})`, { status: row.status });
  }
  const before = row.input_stats as AudioStats;
  const after = row.output_stats as AudioStats;
  const series = (row.series as { input: (number | null)[]; output: (number | null)[] } | null) ?? { input: [], output: [] };
  return {
    id: row.id,
    targetLufs: row.target_lufs,
    truePeakCeiling: row.true_peak_dbtp,
    shortTerm: { intervalSeconds: 1, input: series.input, output: series.output },
    platforms: PLATFORMS.map((p) => ({
      id: p.id,
      name: p.name,
      referenceLufs: p.referenceLufs,
      turnsUp: p.turnsUp,
      upPeakCeilingDbtp: p.upPeakCeilingDbtp,
      original: platformPlayback(p, before.integratedLufs, before.truePeakDbtp),
      result: platformPlayback(p, after.integratedLufs, after.truePeakDbtp),
    })),
  };
}
