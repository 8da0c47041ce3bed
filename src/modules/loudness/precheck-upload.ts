import type { AppContext } from '../../app-context.ts';
import { getLoudnessUsage } from './get-loudness-usage.ts';
import { quotaExceeded } from './reserve-upload-quota.ts';
import { resolveTarget, type TargetRequest } from './resolve-target.ts';

/**
 * The refusals that can be decided before a large file is read: tier, preset and an exhausted
 * allowance. Advisory only: the binding quota check is the reservation in createLoudnessJob.
 */
export async function precheckUpload(ctx: Pick<AppContext, 'database'>, input: { userId: string; target: TargetRequest }): Promise<void> {
  const usage = await getLoudnessUsage(ctx, { userId: input.userId });
  const { presetId, targetLufs } = input.target;
  // Fields sent after the file are checked once the file is stored.
  if (presetId !== undefined || targetLufs !== undefined) {
    await resolveTarget(ctx.database.db, { ...input.target, userId: input.userId, tier: usage.tier });
  }
  if (usage.remaining === 0 && usage.limit !== null) throw quotaExceeded(usage.tier, usage.limit, new Date(usage.resetsAt));
}
