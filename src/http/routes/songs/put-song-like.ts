import { likeSong } from '../../../modules/social/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { AUTH, LikeStateSchema, SongIdParams } from './schemas.ts';

const putSongLike: RouteModule = (app, ctx) => {
  app.put(
    '/songs/:id/like',
    {
      config: { ownedResource: 'song' },
      schema: {
        tags: ['social'],
        summary: 'Like a public song (or your own); liking twice changes nothing',
        security: AUTH,
        params: SongIdParams,
        response: { 200: LikeStateSchema },
      },
    },
    async (request) => likeSong(ctx, { songId: request.params.id, userId: requireUser(request).id }),
  );
};

export default putSongLike;
