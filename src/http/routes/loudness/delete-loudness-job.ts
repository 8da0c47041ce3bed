import { z } from 'zod';
import { deleteLoudnessJob } from '../../../modules/loudness/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { IdParamsSchema } from './schemas.ts';

const deleteLoudnessJobRoute: RouteModule = (app, ctx) => {
  app.delete(
    '/loudness/jobs/:id',
    {
      config: { ownedResource: 'loudness_job' },
      schema: {
        tags: ['loudness'],
        summary: 'Delete a loudness job with its original and result files',
        description: 'The upload still counts towards this month\'s allowance.',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: IdParamsSchema,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await deleteLoudnessJob(ctx, { userId: user.id, jobId: request.params.id });
      return reply.status(204).send(null);
    },
  );
};

export default deleteLoudnessJobRoute;
