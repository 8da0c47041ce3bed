import { z } from 'zod';
import { loginUser } from '../../../modules/auth/login-user.ts';
import type { RouteModule } from '../../types.ts';
import { EmailField, PasswordField, SessionSchema } from './schemas.ts';

const postLogin: RouteModule = (app, ctx) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password',
        description:
          '401 for a wrong e-mail or password (the same either way), 403 `email_not_confirmed` when confirmation is required, 429 `rate_limited` with Retry-After after too many failures for the account or the client address.',
        body: z.strictObject({ email: EmailField, password: PasswordField }),
        response: { 200: SessionSchema },
      },
    },
    async (request) => loginUser(ctx, { ...request.body, ip: request.ip }),
  );
};

export default postLogin;
