import type { AppContext } from '../../app-context.ts';
import { presetView, type PresetView } from './preset-view.ts';

/** Built-in presets in display order, then the user's own, newest first. */
export async function listLoudnessPresets(ctx: Pick<AppContext, 'database'>, input: { userId: string }): Promise<PresetView[]> {
  const rows = await ctx.database.db
    .selectFrom('loudness_presets')
    .selectAll()
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', input.userId)]))
    .orderBy('sort_order')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(presetView);
}
