import { z } from 'zod';
import { deleteLoudnessPreset } from '../../../modules/loudness/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { IdParamsSchema } from './schemas.ts';

const deleteLoudnessPresetRoute: RouteModule = (app, ctx) => {
  app.delete(
    '/loudness/presets/:id',
    {
      config: { ownedResource: 'loudness_preset' },
      schema: {
        tags: ['loudness'],
        summary: 'Delete one of your presets (jobs made with it keep their target)',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: IdParamsSchema,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await deleteLoudnessPreset(ctx, { userId: user.id, presetId: request.params.id });
      return reply.status(204).send(null);
    },
  );
};

export default deleteLoudnessPresetRoute;
