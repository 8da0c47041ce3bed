import { z } from 'zod';
import { listLoudnessPresets } from '../../../modules/loudness/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { PresetSchema } from './schemas.ts';

const getLoudnessPresets: RouteModule = (app, ctx) => {
  app.get(
    '/loudness/presets',
    {
      schema: {
        tags: ['loudness'],
        summary: 'Built-in loudness presets and your own',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        response: { 200: z.object({ items: z.array(PresetSchema) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { items: await listLoudnessPresets(ctx, { userId: user.id }) };
    },
  );
};

export default getLoudnessPresets;
