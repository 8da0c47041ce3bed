import type { AppContext } from '../../app-context.ts';
import { applyDailyGrant } from './apply-daily-grant.ts';
import { ensureWallet } from './ensure-wallet.ts';

export interface WalletView {
  balance: number;
  isPro: boolean;
  nextRefillAt: Date | null;
}

/** The caller's wallet, created with its welcome grant on first sight and refilled when a day is due. */
export async function getWallet(ctx: Pick<AppContext, 'database' | 'config'>, userId: string): Promise<WalletView> {
  const { db } = ctx.database;
  await ensureWallet(db, userId, ctx.config.credits);
  await applyDailyGrant(ctx.database, userId, ctx.config.credits);
  const wallet = await db
    .selectFrom('wallets')
    .select(['balance', 'is_pro', 'next_refill_at'])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    balance: wallet.balance,
    isPro: wallet.is_pro,
    nextRefillAt: wallet.is_pro ? null : wallet.next_refill_at,
  };
}
