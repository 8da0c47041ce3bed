import { z } from 'zod';
import { notFound } from '../../../errors.ts';
import { setLoudnessTier } from '../../../modules/loudness/index.ts';
import { isUuid } from '../../../modules/loudness/is-uuid.ts';
import { requireAdmin } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { IdParamsSchema, TierSchema } from './schemas.ts';

const patchAdminLoudnessTier: RouteModule = (app, ctx) => {
  app.patch(
    '/admin/users/:id/loudness-tier',
    {
      config: { adminOnly: true },
      schema: {
        tags: ['loudness', 'admin'],
        summary: "Set a user's loudness tier (administrators only)",
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: IdParamsSchema,
        body: z.strictObject({ tier: TierSchema }),
        response: { 200: z.object({ userId: z.uuid(), tier: TierSchema }) },
      },
    },
    async (request) => {
      requireAdmin(request);
      if (!isUuid(request.params.id)) throw notFound('User');
      return setLoudnessTier(ctx, { userId: request.params.id, tier: request.body.tier });
    },
  );
};

export default patchAdminLoudnessTier;
