import type { AppContext } from '../../app-context.ts';
import { badRequest } from '../../errors.ts';
import { loudnessJobView, selectJobViews, type LoudnessJobView } from './loudness-job-view.ts';
import { isUuid } from './is-uuid.ts';

// The cursor is the last item's (created_at, id), opaque to clients.
function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !isUuid(id) || Number.isNaN(createdAt.getTime())) throw badRequest('cursor', 'is not a cursor this API returned');
  return { createdAt, id };
}

/** The user's jobs, newest first. */
export async function listLoudnessJobs(
  ctx: Pick<AppContext, 'database'>,
  input: { userId: string; limit: number; cursor?: string },
): Promise<{ items: LoudnessJobView[]; nextCursor: string | null }> {
  let query = selectJobViews(ctx.database.db).where('p.owner_id', '=', input.userId);
  if (input.cursor) {
    const { createdAt, id } = decodeCursor(input.cursor);
    query = query.where((eb) =>
      eb.or([eb('p.created_at', '<', createdAt), eb.and([eb('p.created_at', '=', createdAt), eb('p.id', '<', id)])]),
    );
  }
  const rows = await query.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(input.limit + 1).execute();
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(loudnessJobView),
    nextCursor: rows.length > input.limit && last ? encodeCursor(new Date(last.created_at), last.id) : null,
  };
}
