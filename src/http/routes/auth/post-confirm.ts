import { z } from 'zod';
import { confirmEmail } from '../../../modules/auth/confirm-email.ts';
import type { RouteModule } from '../../types.ts';
import { TokenField } from './schemas.ts';

const postConfirm: RouteModule = (app, ctx) => {
  app.post(
    '/auth/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm an e-mail address with the token from the confirmation mail',
        body: z.strictObject({ token: TokenField }),
        response: { 200: z.object({ confirmed: z.literal(true), email: z.string() }) },
      },
    },
    async (request) => ({ confirmed: true as const, ...(await confirmEmail(ctx, request.body.token)) }),
  );
};

export default postConfirm;
