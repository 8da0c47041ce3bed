import { z } from 'zod';
import { shareSong } from '../../../modules/social/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { AUTH, SongIdParams } from './schemas.ts';

const postSongShare: RouteModule = (app, ctx) => {
  app.post(
    '/songs/:id/share',
    {
      config: { ownedResource: 'song' },
      schema: {
        tags: ['social'],
        summary: 'Get a share link for your completed song (the same link every time)',
        description: 'Anyone with the link can listen, private song or not. 409 until the song has completed.',
        security: AUTH,
        params: SongIdParams,
        response: { 200: z.object({ slug: z.string(), url: z.string() }) },
      },
    },
    async (request) => shareSong(ctx, { songId: request.params.id, userId: requireUser(request).id }),
  );
};

export default postSongShare;
