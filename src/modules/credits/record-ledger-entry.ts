import { AppError } from '../../errors.ts';
import type { Executor } from '../../db/executor.ts';
import type { LedgerReason } from '../../db/schema.ts';

export interface LedgerEntryInput {
  userId: string;
  /** Positive credits the wallet, negative debits it. Never zero. */
  amount: number;
  reason: LedgerReason;
  metadata?: Record<string, unknown>;
  /** Names the external effect; a second entry with the same key changes nothing. */
  idempotencyKey?: string;
}

export interface LedgerEntryResult {
  id: string;
  /** False when an entry with this idempotency key already existed (nothing changed). */
  applied: boolean;
}

function isOverdraft(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23514' && e.constraint === 'wallets_balance_not_negative';
}

/**
 * Appends one ledger entry; the database moves the balance (see 0003_credits.sql). A debit the
 * balance can't cover fails with 402 `insufficient_credits` and, like any failed statement, aborts
 * the surrounding transaction: nothing the caller wrote with it survives.
 */
export async function recordLedgerEntry(executor: Executor, input: LedgerEntryInput): Promise<LedgerEntryResult> {
  if (!Number.isSafeInteger(input.amount) || input.amount === 0) {
    throw new AppError('validation_failed', 'amount: must be a non-zero integer', { field: 'amount' });
  }
  try {
    const inserted = await executor
      .insertInto('transactions')
      .values({
        user_id: input.userId,
        amount: input.amount,
        reason: input.reason,
        metadata: JSON.stringify(input.metadata ?? {}),
        idempotency_key: input.idempotencyKey ?? null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, applied: true };
  } catch (err) {
    if (isOverdraft(err)) {
      throw new AppError('insufficient_credits', `Not enough credits: this needs ${-input.amount}`, {
        required: -input.amount,
      });
    }
    throw err;
  }
  const existing = await executor
    .selectFrom('transactions')
    .select('id')
    .where('idempotency_key', '=', input.idempotencyKey!)
    .executeTakeFirstOrThrow();
  return { id: existing.id, applied: false };
}
