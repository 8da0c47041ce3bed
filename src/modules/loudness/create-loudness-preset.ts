import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import { getLoudnessTier } from './get-loudness-tier.ts';
import { presetView, type PresetView } from './preset-view.ts';
import { requireCustomTargets } from './require-custom-targets.ts';

/** A user can keep this many presets of their own. */
export const MAX_OWN_PRESETS = 50;

export async function createLoudnessPreset(
  ctx: Pick<AppContext, 'database'>,
  input: { userId: string; name: string; targetLufs: number; truePeak: number; description?: string },
): Promise<PresetView> {
  const db = ctx.database.db;
  requireCustomTargets(await getLoudnessTier(db, input.userId));
  const { count } = await db
    .selectFrom('loudness_presets')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('owner_id', '=', input.userId)
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_OWN_PRESETS) {
    throw new AppError('conflict', `You can keep at most ${MAX_OWN_PRESETS} presets; delete one first`);
  }
  const row = await db
    .insertInto('loudness_presets')
    .values({
      owner_id: input.userId,
      name: input.name,
      description: input.description ?? null,
      target_lufs: input.targetLufs,
      true_peak_dbtp: input.truePeak,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presetView(row);
}
