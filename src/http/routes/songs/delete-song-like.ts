import { unlikeSong } from '../../../modules/social/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { AUTH, LikeStateSchema, SongIdParams } from './schemas.ts';

const deleteSongLike: RouteModule = (app, ctx) => {
  app.delete(
    '/songs/:id/like',
    {
      config: { ownedResource: 'song' },
      schema: {
        tags: ['social'],
        summary: 'Take your like back; idempotent',
        security: AUTH,
        params: SongIdParams,
        response: { 200: LikeStateSchema },
      },
    },
    async (request) => unlikeSong(ctx, { songId: request.params.id, userId: requireUser(request).id }),
  );
};

export default deleteSongLike;
