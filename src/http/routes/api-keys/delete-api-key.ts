import { z } from 'zod';
import { revokeApiKey } from '../../../modules/api-keys/revoke-api-key.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';

const deleteApiKey: RouteModule = (app, ctx) => {
  app.delete(
    '/api-keys/:id',
    {
      config: { ownedResource: 'api_key' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke one of your API keys',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: z.strictObject({ id: z.string().max(64) }),
        response: { 204: z.null().describe('Revoked') },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await revokeApiKey(ctx, { userId: user.id, id: request.params.id });
      return reply.status(204).send(null);
    },
  );
};

export default deleteApiKey;
