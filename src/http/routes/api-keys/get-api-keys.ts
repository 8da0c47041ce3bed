import { z } from 'zod';
import { listApiKeys } from '../../../modules/api-keys/list-api-keys.ts';
import { requireUser } from '../../require-user.ts';
import { pageOf, paginationQuery } from '../../schemas/pagination.ts';
import type { RouteModule } from '../../types.ts';

const getApiKeys: RouteModule = (app, ctx) => {
  app.get(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'List your active API keys, newest first (no secrets)',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        querystring: paginationQuery,
        response: {
          200: pageOf(
            z.object({
              id: z.uuid(),
              name: z.string(),
              prefix: z.string(),
              createdAt: z.date(),
              lastUsedAt: z.date().nullable(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return listApiKeys(ctx, { userId: user.id, limit: request.query.limit, cursor: request.query.cursor });
    },
  );
};

export default getApiKeys;
