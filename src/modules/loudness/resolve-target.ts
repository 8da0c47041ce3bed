import type { Executor } from '../../db/executor.ts';
import { AppError, badRequest } from '../../errors.ts';
import { isUuid } from './is-uuid.ts';
import { requireCustomTargets } from './require-custom-targets.ts';
import type { LoudnessTier } from './tables.ts';

export interface TargetRequest {
  presetId?: string;
  targetLufs?: number;
  truePeak?: number;
}

export interface ResolvedTarget {
  presetId: string | null;
  presetSlug: string | null;
  presetName: string | null;
  targetLufs: number;
  truePeakDbtp: number;
}

/** The ceiling used with a custom `targetLufs` when no `truePeak` is given. */
export const DEFAULT_TRUE_PEAK = -1;

/**
 * Turns the request's choice into a target: a built-in preset (by slug or id), one of the user's own
 * presets, or a custom loudness. Anything but a built-in preset needs a paid tier.
 */
export async function resolveTarget(db: Executor, input: TargetRequest & { userId: string; tier: LoudnessTier }): Promise<ResolvedTarget> {
  const { presetId, targetLufs, truePeak } = input;
  if (presetId !== undefined && targetLufs !== undefined) throw badRequest('presetId', 'send either presetId or targetLufs, not both');
  if (presetId !== undefined && truePeak !== undefined) throw badRequest('truePeak', 'only goes with targetLufs (a preset has its own ceiling)');
  if (presetId === undefined) {
    if (targetLufs === undefined) throw badRequest('presetId', 'is required (a preset id or slug such as "spotify", or send targetLufs)');
    requireCustomTargets(input.tier);
    return { presetId: null, presetSlug: null, presetName: null, targetLufs, truePeakDbtp: truePeak ?? DEFAULT_TRUE_PEAK };
  }
  const byId = isUuid(presetId);
  const preset = await db
    .selectFrom('loudness_presets')
    .selectAll()
    .where(byId ? 'id' : 'slug', '=', byId ? presetId.toLowerCase() : presetId.trim().toLowerCase())
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', input.userId)]))
    .executeTakeFirst();
  if (!preset) throw new AppError('validation_failed', 'presetId: no such preset', { field: 'presetId' });
  if (preset.owner_id !== null) requireCustomTargets(input.tier);
  return {
    presetId: preset.id,
    presetSlug: preset.slug,
    presetName: preset.name,
    targetLufs: preset.target_lufs,
    truePeakDbtp: preset.true_peak_dbtp,
  };
}
