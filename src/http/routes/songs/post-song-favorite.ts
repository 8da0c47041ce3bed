import { z } from 'zod';
import { toggleFavorite } from '../../../modules/social/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { AUTH, SongIdParams } from './schemas.ts';

const postSongFavorite: RouteModule = (app, ctx) => {
  app.post(
    '/songs/:id/favorite',
    {
      config: { ownedResource: 'song' },
      schema: {
        tags: ['library'],
        summary: 'Mark or unmark your song as a favorite (toggles)',
        security: AUTH,
        params: SongIdParams,
        response: { 200: z.object({ favorite: z.boolean() }) },
      },
    },
    async (request) => toggleFavorite(ctx, { songId: request.params.id, userId: requireUser(request).id }),
  );
};

export default postSongFavorite;
