import { getLoudnessReport } from '../../../modules/loudness/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { IdParamsSchema, ReportSchema } from './schemas.ts';

const getLoudnessJobReport: RouteModule = (app, ctx) => {
  app.get(
    '/loudness/jobs/:id/report',
    {
      config: { ownedResource: 'loudness_job' },
      schema: {
        tags: ['loudness'],
        summary: 'Short-term loudness before and after, and what each streaming platform would do to both',
        description:
          '`shortTerm` holds one short-term (3 s) loudness per second for plotting. `platforms` shows, per platform, ' +
          'the gain its playback normalization would apply to the original and to the result (negative: turned ' +
          'down) and the loudness heard. 409 until the job has completed.',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: IdParamsSchema,
        response: { 200: ReportSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return getLoudnessReport(ctx, { userId: user.id, jobId: request.params.id });
    },
  );
};

export default getLoudnessJobReport;
