import { z } from 'zod';
import { getPlayUsage } from '../../../modules/social/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { AUTH } from './schemas.ts';

const getMePlays: RouteModule = (app, ctx) => {
  app.get(
    '/me/plays',
    {
      schema: {
        tags: ['social'],
        summary: 'Your plays this UTC month and what is left of the allowance (limit null = unlimited)',
        security: AUTH,
        response: {
          200: z.object({
            month: z.string().describe('YYYY-MM (UTC)'),
            plays: z.number().int(),
            limit: z.number().int().nullable(),
            remaining: z.number().int().nullable(),
            resetsAt: z.date(),
          }),
        },
      },
    },
    async (request) => getPlayUsage(ctx, requireUser(request).id),
  );
};

export default getMePlays;
