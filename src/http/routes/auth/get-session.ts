import { z } from 'zod';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { BEARER_OR_API_KEY, UserSchema } from './schemas.ts';

const getSession: RouteModule = (app) => {
  app.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The caller, as resolved from the access token or API key',
        security: BEARER_OR_API_KEY,
        response: { 200: z.object({ user: UserSchema.extend({ via: z.enum(['jwt', 'api_key']) }) }) },
      },
    },
    async (request) => ({ user: requireUser(request) }),
  );
};

export default getSession;
