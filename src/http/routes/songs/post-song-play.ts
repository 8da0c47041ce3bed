import { z } from 'zod';
import { playSong } from '../../../modules/social/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { AUTH, SongIdParams } from './schemas.ts';

const postSongPlay: RouteModule = (app, ctx) => {
  app.post(
    '/songs/:id/play',
    {
      config: { ownedResource: 'song' },
      schema: {
        tags: ['social'],
        summary: 'Count a play of a public song (or your own) against your monthly allowance',
        description:
          'Free wallets may play FREE_MONTHLY_PLAY_LIMIT songs per UTC calendar month (0 = unlimited; pro wallets ' +
          'are unlimited). Past it: 429 `rate_limited` with Retry-After until the next month.',
        security: AUTH,
        params: SongIdParams,
        response: {
          200: z.object({
            playCount: z.number().int().describe("The song's total plays"),
            month: z.string(),
            plays: z.number().int().describe('Your plays this month'),
            limit: z.number().int().nullable(),
            remaining: z.number().int().nullable(),
          }),
        },
      },
    },
    async (request) => playSong(ctx, { songId: request.params.id, userId: requireUser(request).id }),
  );
};

export default postSongPlay;
