import { z } from 'zod';
import { getLoudnessDownload } from '../../../modules/loudness/index.ts';
import { contentDisposition } from '../../../storage/index.ts';
import { requireUser } from '../../require-user.ts';
import { OBJECT_RESPONSES, sendObject } from '../../send-object.ts';
import type { RouteModule } from '../../types.ts';
import { IdParamsSchema } from './schemas.ts';

// Long enough to start a large download; a signed URL already handed out can't be revoked.
const SIGNED_URL_SECONDS = 15 * 60;

const getLoudnessJobDownload: RouteModule = (app, ctx) => {
  app.get(
    '/loudness/jobs/:id/download',
    {
      config: { ownedResource: 'loudness_job' },
      schema: {
        tags: ['loudness'],
        summary: 'Download the normalized file',
        description:
          'Served as an attachment named after the upload and the preset, with Range support. With S3 storage the ' +
          'answer is a 302 to a short-lived signed URL instead. 409 until the job has completed.',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: IdParamsSchema,
        response: { ...OBJECT_RESPONSES, 302: z.null().describe('Redirect to a signed URL (S3 storage)') },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { key, fileName } = await getLoudnessDownload(ctx, { userId: user.id, jobId: request.params.id });
      if (ctx.storage.driver === 's3') {
        const url = await ctx.storage.signedUrl(key, { expiresInSeconds: SIGNED_URL_SECONDS, downloadName: fileName });
        return reply.header('cache-control', 'no-store').redirect(url, 302);
      }
      return sendObject(reply, ctx.storage, key, {
        rangeHeader: request.headers.range,
        disposition: contentDisposition(fileName),
        cacheControl: 'private, no-cache',
      });
    },
  );
};

export default getLoudnessJobDownload;
