import type { AppContext } from '../../app-context.ts';
import { decodeCursor, exactTimestamp, olderThan, toPage } from '../../lib/cursor.ts';

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** The caller's active keys, newest first, without any secret material. */
export async function listApiKeys(
  ctx: Pick<AppContext, 'database'>,
  input: { userId: string; limit: number; cursor?: string },
): Promise<{ items: ApiKeySummary[]; nextCursor: string | null }> {
  let query = ctx.database.db
    .selectFrom('api_keys')
    .select([
      'id',
      'name',
      'prefix',
      'created_at as createdAt',
      'last_used_at as lastUsedAt',
      exactTimestamp('created_at').as('cursorAt'),
    ])
    .where('user_id', '=', input.userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
  if (input.cursor) query = query.where(olderThan(decodeCursor(input.cursor), 'created_at', 'id'));
  return toPage(await query.execute(), input.limit);
}
