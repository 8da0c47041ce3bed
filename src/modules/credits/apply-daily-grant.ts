import { sql } from 'kysely';
import type { Database } from '../../db/create-database.ts';
import { nextUtcMidnight, utcDay, type CreditPolicy } from './credit-policy.ts';
import { recordLedgerEntry } from './record-ledger-entry.ts';

/**
 * Tops a free user's balance up to the daily allowance once per UTC day. It refills rather than
 * accumulates: an unused day doesn't pile up free credits. Pro wallets are refilled by their
 * subscription instead. Returns the credits granted (0 when nothing was due).
 */
export async function applyDailyGrant(
  database: Database,
  userId: string,
  policy: CreditPolicy,
  now = new Date(),
): Promise<number> {
  if (policy.dailyGrant <= 0) return 0;
  return database.db.transaction().execute(async (trx) => {
    const wallet = await trx
      .selectFrom('wallets')
      .select(['balance', 'is_pro', 'next_refill_at'])
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!wallet || wallet.is_pro || (wallet.next_refill_at && wallet.next_refill_at > now)) return 0;
    const topUp = policy.dailyGrant - wallet.balance;
    if (topUp > 0) {
      await recordLedgerEntry(trx, {
        userId,
        amount: topUp,
        reason: 'daily_grant',
        idempotencyKey: `daily_grant:${userId}:${utcDay(now)}`,
      });
    }
    await trx
      .updateTable('wallets')
      .set({ next_refill_at: nextUtcMidnight(now), updated_at: sql`now()` })
      .where('user_id', '=', userId)
      .execute();
    return Math.max(0, topUp);
  });
}
