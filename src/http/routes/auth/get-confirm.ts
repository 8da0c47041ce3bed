import { z } from 'zod';
import { confirmEmail } from '../../../modules/auth/confirm-email.ts';
import type { RouteModule } from '../../types.ts';
import { TokenField } from './schemas.ts';

const getConfirm: RouteModule = (app, ctx) => {
  app.get(
    '/auth/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm an e-mail address (the link in the confirmation mail)',
        querystring: z.strictObject({ token: TokenField }),
        response: { 200: z.object({ confirmed: z.literal(true), email: z.string() }) },
      },
    },
    async (request) => ({ confirmed: true as const, ...(await confirmEmail(ctx, request.query.token)) }),
  );
};

export default getConfirm;
