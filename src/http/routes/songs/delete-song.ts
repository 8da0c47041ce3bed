import { z } from 'zod';
import { deleteSong } from '../../../modules/library/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { AUTH, SongIdParams } from './schemas.ts';

const deleteSongRoute: RouteModule = (app, ctx) => {
  app.delete(
    '/songs/:id',
    {
      config: { ownedResource: 'song' },
      schema: {
        tags: ['library'],
        summary: 'Delete your song and its stored audio',
        description:
          'Its takes, likes and plays go with it; songs made from it stay, with parentId null. ' +
          '409 while the song is still queued or generating.',
        security: AUTH,
        params: SongIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await deleteSong(ctx, { songId: request.params.id, userId: user.id });
      return reply.status(204).send(null);
    },
  );
};

export default deleteSongRoute;
