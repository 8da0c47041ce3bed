import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { ensureWallet } from './ensure-wallet.ts';
import { recordLedgerEntry, type LedgerEntryResult } from './record-ledger-entry.ts';

export interface GrantInput {
  userId: string;
  amount: number;
  reason: 'admin_adjustment' | 'topup';
  note?: string;
  grantedBy: string;
  idempotencyKey?: string;
}

/** An administrator's correction or top-up: a new ledger entry, never an edit of an old one. */
export async function grantCredits(ctx: Pick<AppContext, 'database' | 'config'>, input: GrantInput): Promise<LedgerEntryResult & { balance: number }> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
    if (!user) throw notFound('User');
    await ensureWallet(trx, input.userId, ctx.config.credits);
    const result = await recordLedgerEntry(trx, {
      userId: input.userId,
      amount: input.amount,
      reason: input.reason,
      metadata: { grantedBy: input.grantedBy, ...(input.note ? { note: input.note } : {}) },
      idempotencyKey: input.idempotencyKey ? `admin:${input.idempotencyKey}` : undefined,
    });
    const { balance } = await trx
      .selectFrom('wallets')
      .select('balance')
      .where('user_id', '=', input.userId)
      .executeTakeFirstOrThrow();
    return { ...result, balance };
  });
}
