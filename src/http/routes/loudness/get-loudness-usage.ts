import { getLoudnessUsage } from '../../../modules/loudness/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { UsageSchema } from './schemas.ts';

const getLoudnessUsageRoute: RouteModule = (app, ctx) => {
  app.get(
    '/loudness/usage',
    {
      schema: {
        tags: ['loudness'],
        summary: "Your tier and this month's uploads (calendar month, UTC)",
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        response: { 200: UsageSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return getLoudnessUsage(ctx, { userId: user.id });
    },
  );
};

export default getLoudnessUsageRoute;
