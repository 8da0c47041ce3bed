import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { isUuid } from './is-uuid.ts';

/** Deletes one of the user's own presets; built-in presets and other users' are "not found". */
export async function deleteLoudnessPreset(ctx: Pick<AppContext, 'database'>, input: { userId: string; presetId: string }): Promise<void> {
  if (!isUuid(input.presetId)) throw notFound('Preset');
  const res = await ctx.database.db
    .deleteFrom('loudness_presets')
    .where('id', '=', input.presetId)
    .where('owner_id', '=', input.userId)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('Preset');
}
