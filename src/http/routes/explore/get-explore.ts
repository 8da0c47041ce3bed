import { z } from 'zod';
import { listExplore } from '../../../modules/social/index.ts';
import { pageOf, paginationQuery } from '../../schemas/pagination.ts';
import type { RouteModule } from '../../types.ts';
import { PublicSongSchema } from '../songs/schemas.ts';

const ExploreQuery = paginationQuery.extend({
  sort: z.enum(['newest', 'most_liked']).default('newest'),
});

const getExplore: RouteModule = (app, ctx) => {
  app.get(
    '/explore',
    {
      schema: {
        tags: ['social'],
        summary: 'Public, completed songs: newest or most liked first (no sign-in needed)',
        description: 'Cursor-paginated in either order; the cursor belongs to the order it came from.',
        querystring: ExploreQuery,
        response: { 200: pageOf(PublicSongSchema) },
      },
    },
    async (request) => listExplore(ctx, request.query),
  );
};

export default getExplore;
