import { z } from 'zod';
import { resetPassword } from '../../../modules/auth/reset-password.ts';
import type { RouteModule } from '../../types.ts';
import { PasswordField, TokenField } from './schemas.ts';

const postReset: RouteModule = (app, ctx) => {
  app.post(
    '/auth/reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the token from the reset e-mail',
        description: 'Logs the account out everywhere (all refresh tokens are revoked). A used or expired token is 400 `invalid_token`.',
        body: z.strictObject({ token: TokenField, password: PasswordField }),
        response: { 204: z.null().describe('Password changed') },
      },
    },
    async (request, reply) => {
      await resetPassword(ctx, request.body);
      return reply.status(204).send(null);
    },
  );
};

export default postReset;
