import { z } from 'zod';
import { getWallet } from '../../../modules/credits/get-wallet.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';

const getWalletRoute: RouteModule = (app, ctx) => {
  app.get(
    '/wallet',
    {
      schema: {
        tags: ['credits'],
        summary: 'Your credit balance (free wallets are topped up to the daily allowance once a day)',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        response: {
          200: z.object({ balance: z.number().int(), isPro: z.boolean(), nextRefillAt: z.date().nullable() }),
        },
      },
    },
    async (request) => getWallet(ctx, requireUser(request).id),
  );
};

export default getWalletRoute;
