import { z } from 'zod';
import { signupUser } from '../../../modules/auth/signup-user.ts';
import type { RouteModule } from '../../types.ts';
import { EmailField, PasswordField, UserSchema } from './schemas.ts';

const postSignup: RouteModule = (app, ctx) => {
  app.post(
    '/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account and send the confirmation e-mail',
        description:
          'Returns a session right away, unless e-mail confirmation is required (REQUIRE_EMAIL_CONFIRMATION): then only the user, with `emailConfirmationRequired: true`, and the client logs in after confirming.',
        body: z.strictObject({ email: EmailField, password: PasswordField }),
        response: {
          201: z.object({
            user: UserSchema,
            emailConfirmationRequired: z.boolean(),
            accessToken: z.string().optional(),
            refreshToken: z.string().optional(),
            expiresIn: z.number().int().optional(),
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await signupUser(ctx, request.body);
      return reply.status(201).send(result);
    },
  );
};

export default postSignup;
