export { applyDailyGrant } from './apply-daily-grant.ts';
export { ensureWallet } from './ensure-wallet.ts';
export { getWallet, type WalletView } from './get-wallet.ts';
export { grantCredits } from './grant-credits.ts';
export { listTransactions } from './list-transactions.ts';
export { recordLedgerEntry, type LedgerEntryInput, type LedgerEntryResult } from './record-ledger-entry.ts';
