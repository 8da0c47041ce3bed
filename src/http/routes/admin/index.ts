import type { RouteModule } from '../../types.ts';
import postWalletGrant from './post-wallet-grant.ts';

export const adminRoutes: RouteModule[] = [postWalletGrant];
