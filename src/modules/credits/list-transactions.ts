import type { AppContext } from '../../app-context.ts';
import type { LedgerReason } from '../../db/schema.ts';
import { decodeCursor, exactTimestamp, olderThan, toPage } from '../../lib/cursor.ts';

export interface LedgerEntryView {
  id: string;
  amount: number;
  reason: LedgerReason;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

/** The caller's ledger, newest first. */
export async function listTransactions(
  ctx: Pick<AppContext, 'database'>,
  input: { userId: string; limit: number; cursor?: string },
): Promise<{ items: LedgerEntryView[]; nextCursor: string | null }> {
  let query = ctx.database.db
    .selectFrom('transactions')
    .select(['id', 'amount', 'reason', 'metadata', 'created_at as createdAt', exactTimestamp('created_at').as('cursorAt')])
    .where('user_id', '=', input.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
  if (input.cursor) query = query.where(olderThan(decodeCursor(input.cursor), 'created_at', 'id'));
  return toPage(await query.execute(), input.limit);
}
