import { createLoudnessPreset } from '../../../modules/loudness/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { CreatePresetBodySchema, PresetSchema } from './schemas.ts';

const postLoudnessPreset: RouteModule = (app, ctx) => {
  app.post(
    '/loudness/presets',
    {
      schema: {
        tags: ['loudness'],
        summary: 'Save a preset of your own (premium and premium+ tiers)',
        description: 'On the free tier: 402 payment_required.',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        body: CreatePresetBodySchema,
        response: { 201: PresetSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const preset = await createLoudnessPreset(ctx, { userId: user.id, ...request.body });
      return reply.status(201).send(preset);
    },
  );
};

export default postLoudnessPreset;
