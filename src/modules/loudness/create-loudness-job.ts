import type { AppContext } from '../../app-context.ts';
import { getLoudnessTier } from './get-loudness-tier.ts';
import { reserveUploadQuota } from './reserve-upload-quota.ts';
import { resolveTarget, type TargetRequest } from './resolve-target.ts';
import type { OutputFormat } from './tables.ts';
import { TIERS } from './tiers.ts';

export const LOUDNESS_QUEUE = 'loudness.process';

export interface StoredUpload {
  key: string;
  format: OutputFormat;
  sizeBytes: number;
  /** The client's file name, already sanitized; metadata only. */
  originalName: string | null;
}

export interface CreateLoudnessJobInput {
  userId: string;
  upload: StoredUpload;
  target: TargetRequest;
  outputFormat?: OutputFormat;
  now?: Date;
}

/**
 * Turns a stored upload into a queued job. The quota reservation, the job and file rows and the queue
 * entry commit together or not at all; when anything refuses (tier, preset, quota), the stored upload
 * is deleted so a refused request leaves nothing behind and uses no quota.
 */
export async function createLoudnessJob(
  ctx: Pick<AppContext, 'database' | 'jobs' | 'storage' | 'config' | 'log'>,
  input: CreateLoudnessJobInput,
): Promise<{ id: string; status: 'queued' }> {
  const db = ctx.database.db;
  try {
    const tier = await getLoudnessTier(db, input.userId);
    const target = await resolveTarget(db, { ...input.target, userId: input.userId, tier });
    const now = input.now ?? new Date();
    const expiresAt = new Date(now.getTime() + ctx.config.loudness.retentionDays * 86_400_000);
    return await db.transaction().execute(async (trx) => {
      const { period } = await reserveUploadQuota(trx, { userId: input.userId, tier, now });
      const job = await ctx.jobs.enqueue(trx, LOUDNESS_QUEUE, { ownerId: input.userId }, { ownerId: input.userId, priority: TIERS[tier].priority });
      await trx
        .insertInto('processing_jobs')
        .values({
          id: job.id,
          owner_id: input.userId,
          tier,
          preset_id: target.presetId,
          preset_slug: target.presetSlug,
          preset_name: target.presetName,
          target_lufs: target.targetLufs,
          true_peak_dbtp: target.truePeakDbtp,
          output_format: input.outputFormat ?? input.upload.format,
          usage_period: period,
          expires_at: expiresAt,
        })
        .execute();
      await trx
        .insertInto('audio_files')
        .values({
          owner_id: input.userId,
          job_id: job.id,
          role: 'original',
          storage_key: input.upload.key,
          original_name: input.upload.originalName,
          format: input.upload.format,
          size_bytes: input.upload.sizeBytes,
        })
        .execute();
      return job;
    });
  } catch (err) {
    await ctx.storage.delete(input.upload.key).catch((e: unknown) => ctx.log.warn({ err: e, key: input.upload.key }, 'could not delete a refused upload'));
    throw err;
  }
}
