import { z } from 'zod';
import { listVariations } from '../../../modules/library/index.ts';
import type { RouteModule } from '../../types.ts';
import { OPTIONAL_AUTH, SongIdParams, VariationSchema } from './schemas.ts';

const VariationDetailSchema = VariationSchema.extend({
  format: z.string().nullable(),
  sampleRate: z.number().int().nullable(),
  channels: z.number().int().nullable(),
  lrc: z.string().nullable().describe('Synced lyrics (LRC)'),
  loudness: z.unknown().describe('Loudness measurements of the take, when mastered'),
  completedAt: z.date().nullable(),
});

const getSongVariations: RouteModule = (app, ctx) => {
  app.get(
    '/songs/:id/variations',
    {
      config: { ownedResource: 'song' },
      schema: {
        tags: ['library'],
        summary: "A song's takes with synced lyrics and loudness (a public song for anyone, a private one for its owner)",
        security: OPTIONAL_AUTH,
        params: SongIdParams,
        response: { 200: z.object({ items: z.array(VariationDetailSchema) }) },
      },
    },
    async (request) => listVariations(ctx, { songId: request.params.id, userId: request.user?.id ?? null }),
  );
};

export default getSongVariations;
