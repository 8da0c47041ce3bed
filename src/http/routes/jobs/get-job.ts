import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { findVisibleJob, JobParamsSchema, JobSchema, jobView } from './job-view.ts';

const getJob: RouteModule = (app, ctx) => {
  app.get(
    '/jobs/:id',
    {
      config: { ownedResource: 'job' },
      schema: {
        tags: ['jobs'],
        summary: 'Status and progress of one of your background jobs',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: JobParamsSchema,
        response: { 200: JobSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return jobView(await findVisibleJob(ctx, user, request.params.id));
    },
  );
};

export default getJob;
