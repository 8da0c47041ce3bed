import { getLoudnessJob } from '../../../modules/loudness/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { IdParamsSchema, LoudnessJobSchema } from './schemas.ts';

const getLoudnessJobRoute: RouteModule = (app, ctx) => {
  app.get(
    '/loudness/jobs/:id',
    {
      config: { ownedResource: 'loudness_job' },
      schema: {
        tags: ['loudness'],
        summary: 'One loudness job: status, progress, measurements before and after',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: IdParamsSchema,
        response: { 200: LoudnessJobSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return getLoudnessJob(ctx, { userId: user.id, jobId: request.params.id });
    },
  );
};

export default getLoudnessJobRoute;
