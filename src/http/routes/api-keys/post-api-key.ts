import { z } from 'zod';
import { createApiKey } from '../../../modules/api-keys/create-api-key.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';

const postApiKey: RouteModule = (app, ctx) => {
  app.post(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key (the key is shown only in this response)',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        body: z.strictObject({ name: z.string().min(1).max(100) }),
        response: {
          201: z.object({
            id: z.uuid(),
            name: z.string(),
            prefix: z.string(),
            key: z.string().describe('Send as `X-API-Key`; store it now, it cannot be shown again'),
          }),
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await createApiKey(ctx, { userId: user.id, name: request.body.name });
      return reply.status(201).send(created);
    },
  );
};

export default postApiKey;
