import type { Executor } from '../../db/executor.ts';
import { nextUtcMidnight, type CreditPolicy } from './credit-policy.ts';
import { recordLedgerEntry } from './record-ledger-entry.ts';

/**
 * Creates the user's wallet with its welcome grant if it doesn't exist yet. Safe to call any number
 * of times, concurrently too: the wallet insert and the welcome entry are both keyed, and they
 * commit together, so nobody sees (or spends from) a new wallet before its grant.
 */
export async function ensureWallet(executor: Executor, userId: string, policy: CreditPolicy, now = new Date()): Promise<void> {
  if (!executor.isTransaction) {
    return executor.transaction().execute((trx) => ensureWallet(trx, userId, policy, now));
  }
  const created = await executor
    .insertInto('wallets')
    .values({ user_id: userId, next_refill_at: nextUtcMidnight(now) })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .returning('user_id')
    .executeTakeFirst();
  if (created && policy.welcomeGrant > 0) {
    await recordLedgerEntry(executor, {
      userId,
      amount: policy.welcomeGrant,
      reason: 'welcome',
      idempotencyKey: `welcome:${userId}`,
    });
  }
}
