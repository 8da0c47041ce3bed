import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { isUuid } from './is-uuid.ts';
import { loudnessJobView, selectJobViews, type LoudnessJobView } from './loudness-job-view.ts';

/** One of the user's jobs; anyone else's (or a missing one) is "not found", so ids can't be probed. */
export async function getLoudnessJob(ctx: Pick<AppContext, 'database'>, input: { userId: string; jobId: string }): Promise<LoudnessJobView> {
  if (!isUuid(input.jobId)) throw notFound('Loudness job');
  const row = await selectJobViews(ctx.database.db)
    .where('p.id', '=', input.jobId)
    .where('p.owner_id', '=', input.userId)
    .executeTakeFirst();
  if (!row) throw notFound('Loudness job');
  return loudnessJobView(row);
}
