import { z } from 'zod';
import { rotateRefreshToken } from '../../../modules/auth/rotate-refresh-token.ts';
import type { RouteModule } from '../../types.ts';
import { SessionSchema, TokenField } from './schemas.ts';

const postRefresh: RouteModule = (app, ctx) => {
  app.post(
    '/auth/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token for a new access token and the next refresh token',
        description:
          'Each refresh token works once. Reusing one revokes every token of that login (401), except for a second request within 10 s of the first, which gets the same successor.',
        body: z.strictObject({ refreshToken: TokenField }),
        response: { 200: SessionSchema },
      },
    },
    async (request) => rotateRefreshToken(ctx, request.body.refreshToken),
  );
};

export default postRefresh;
