import { listLoudnessJobs } from '../../../modules/loudness/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { JobListSchema, ListQuerySchema } from './schemas.ts';

const getLoudnessJobs: RouteModule = (app, ctx) => {
  app.get(
    '/loudness/jobs',
    {
      schema: {
        tags: ['loudness'],
        summary: 'Your loudness jobs, newest first (cursor-paginated)',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        querystring: ListQuerySchema,
        response: { 200: JobListSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return listLoudnessJobs(ctx, { userId: user.id, limit: request.query.limit, cursor: request.query.cursor });
    },
  );
};

export default getLoudnessJobs;
