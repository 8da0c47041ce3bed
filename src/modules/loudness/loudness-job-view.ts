import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AudioStats } from './audio-stats.ts';
import type { OutputFormat, ProcessingStatus } from './tables.ts';

export interface LoudnessJobView {
  id: string;
  status: ProcessingStatus;
  progress: number;
  message?: string;
  preset: { id: string | null; slug: string | null; name: string } | null;
  targetLufs: number;
  truePeakCeiling: number;
  outputFormat: OutputFormat;
  originalName: string | null;
  input: AudioStats | null;
  output: AudioStats | null;
  gainDb: number | null;
  limiter: { engaged: boolean; maxReductionDb: number } | null;
  passes: number | null;
  error?: string;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  expiresAt: string;
}

/** The columns a view needs: the job, its public progress and its original's name. */
export function selectJobViews(db: Kysely<DB>) {
  return db
    .selectFrom('processing_jobs as p')
    .leftJoin('jobs as j', 'j.id', 'p.id')
    .leftJoin('audio_files as o', (join) => join.onRef('o.job_id', '=', 'p.id').on('o.role', '=', 'original'))
    .select([
      'p.id',
      'p.owner_id',
      'p.status',
      'p.preset_id',
      'p.preset_slug',
      'p.preset_name',
      'p.target_lufs',
      'p.true_peak_dbtp',
      'p.output_format',
      'p.input_stats',
      'p.output_stats',
      'p.gain_db',
      'p.limiter',
      'p.passes',
      'p.error',
      'p.created_at',
      'p.started_at',
      'p.completed_at',
      'p.expires_at',
      'j.progress',
      'j.message',
      'o.original_name',
    ]);
}

export type JobViewRow = Awaited<ReturnType<ReturnType<typeof selectJobViews>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function loudnessJobView(row: JobViewRow): LoudnessJobView {
  const status = row.status;
  // The public job row says "completed" also for a job that ended in a refused file; the progress
  // shown follows this job's own status.
  const progress = status === 'completed' || status === 'expired' ? 100 : status === 'processing' ? Math.min(99, row.progress ?? 0) : 0;
  return {
    id: row.id,
    status,
    progress,
    ...(status === 'processing' && row.message ? { message: row.message } : {}),
    preset: row.preset_name ? { id: row.preset_id, slug: row.preset_slug, name: row.preset_name } : null,
    targetLufs: row.target_lufs,
    truePeakCeiling: row.true_peak_dbtp,
    outputFormat: row.output_format,
    originalName: row.original_name ?? null,
    input: (row.input_stats as AudioStats | null) ?? null,
    output: (row.output_stats as AudioStats | null) ?? null,
    gainDb: row.gain_db,
    limiter: (row.limiter as LoudnessJobView['limiter']) ?? null,
    passes: row.passes,
    ...(row.error ? { error: row.error } : {}),
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    completedAt: iso(row.completed_at),
    expiresAt: iso(row.expires_at)!,
  };
}
