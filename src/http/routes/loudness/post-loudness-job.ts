import { createLoudnessJob } from '../../../modules/loudness/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { discardRest, readLoudnessUpload } from './read-loudness-upload.ts';
import { AcceptedJobSchema } from './schemas.ts';

const postLoudnessJob: RouteModule = (app, ctx) => {
  app.post(
    '/loudness/jobs',
    {
      schema: {
        tags: ['loudness'],
        summary: 'Upload a mix (WAV, FLAC or MP3) to be normalized to a preset or a loudness of your own',
        description:
          'multipart/form-data with a `file` part and text fields `presetId` (a preset id or a built-in slug such as ' +
          '`spotify`) or `targetLufs` (with optional `truePeak`, paid tiers only), and optional `outputFormat` ' +
          '(wav | flac | mp3; default: the upload\'s format). Send the fields before the file to have a refusal ' +
          '(tier, preset, quota) answered before the file is transferred; fields after the file are checked once it ' +
          `is stored. The format is judged by content (anything else: 415). Larger than ${ctx.config.loudness.maxUploadBytes} ` +
          'bytes: 413. Over the monthly allowance: 429. Custom targets on the free tier: 402.',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        response: { 202: AcceptedJobSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      try {
        const { upload, fields } = await readLoudnessUpload(ctx, request, user.id);
        const { outputFormat, ...target } = fields;
        const job = await createLoudnessJob(ctx, { userId: user.id, upload, target, outputFormat });
        return reply.status(202).send({ job });
      } catch (err) {
        discardRest(request);
        throw err;
      }
    },
  );
};

export default postLoudnessJob;
