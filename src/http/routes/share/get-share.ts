import { z } from 'zod';
import { getSharedSong } from '../../../modules/social/index.ts';
import type { RouteModule } from '../../types.ts';
import { PublicOwnerSchema, VariationSchema } from '../songs/schemas.ts';

export const SlugParams = z.strictObject({ slug: z.string().max(64) });

const getShare: RouteModule = (app, ctx) => {
  app.get(
    '/share/:slug',
    {
      // The slug is the permission: whoever holds the link may listen.
      config: { publicResource: true },
      schema: {
        tags: ['social'],
        summary: 'A shared song: title, length, owner name and audio links that work without signing in',
        params: SlugParams,
        response: {
          200: z.object({
            slug: z.string(),
            title: z.string(),
            durationSeconds: z.number(),
            createdAt: z.date(),
            owner: PublicOwnerSchema,
            variations: z.array(VariationSchema),
          }),
        },
      },
    },
    async (request) => getSharedSong(ctx, request.params.slug),
  );
};

export default getShare;
