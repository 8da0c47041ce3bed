import type { AppContext } from '../../app-context.ts';
import { badRequest } from '../../errors.ts';
import { isUuid } from '../auth/is-uuid.ts';

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

// The cursor is the last item's (created_at, id): stable under inserts, unlike an offset.
function encodeCursor(item: ApiKeySummary): string {
  return Buffer.from(`${item.createdAt.toISOString()}|${item.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !isUuid(id) || Number.isNaN(createdAt.getTime())) throw badRequest('cursor', 'is not a valid cursor');
  return { createdAt, id };
}

/** The caller's active keys, newest first, without any secret material. */
export async function listApiKeys(
  ctx: Pick<AppContext, 'database'>,
  input: { userId: string; limit: number; cursor?: string },
): Promise<{ items: ApiKeySummary[]; nextCursor: string | null }> {
  let query = ctx.database.db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at as createdAt', 'last_used_at as lastUsedAt'])
    .where('user_id', '=', input.userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? encodeCursor(items[items.length - 1]) : null };
}
