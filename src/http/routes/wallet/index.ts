import type { RouteModule } from '../../types.ts';
import getWallet from './get-wallet.ts';
import getWalletTransactions from './get-wallet-transactions.ts';

export const walletRoutes: RouteModule[] = [getWallet, getWalletTransactions];
