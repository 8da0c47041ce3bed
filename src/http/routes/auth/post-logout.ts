import { z } from 'zod';
import { revokeRefreshFamily } from '../../../modules/auth/revoke-refresh-family.ts';
import type { RouteModule } from '../../types.ts';
import { TokenField } from './schemas.ts';

const postLogout: RouteModule = (app, ctx) => {
  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log out: revoke the refresh token and every token rotated from the same login',
        description: 'Access tokens already issued stay valid until they expire (at most 15 minutes).',
        body: z.strictObject({ refreshToken: TokenField }),
        response: { 204: z.null().describe('Logged out') },
      },
    },
    async (request, reply) => {
      await revokeRefreshFamily(ctx, request.body.refreshToken);
      return reply.status(204).send(null);
    },
  );
};

export default postLogout;
