import { z } from 'zod';
import { listTransactions } from '../../../modules/credits/list-transactions.ts';
import { requireUser } from '../../require-user.ts';
import { pageOf, paginationQuery } from '../../schemas/pagination.ts';
import type { RouteModule } from '../../types.ts';

const getWalletTransactions: RouteModule = (app, ctx) => {
  app.get(
    '/wallet/transactions',
    {
      schema: {
        tags: ['credits'],
        summary: 'Your credit ledger, newest first',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        querystring: paginationQuery,
        response: {
          200: pageOf(
            z.object({
              id: z.uuid(),
              amount: z.number().int(),
              reason: z.string(),
              metadata: z.record(z.string(), z.unknown()),
              createdAt: z.date(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return listTransactions(ctx, { userId: user.id, limit: request.query.limit, cursor: request.query.cursor });
    },
  );
};

export default getWalletTransactions;
