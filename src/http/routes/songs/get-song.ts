import { getSong } from '../../../modules/library/index.ts';
import type { RouteModule } from '../../types.ts';
import { OPTIONAL_AUTH, SongDetailSchema, SongIdParams } from './schemas.ts';

const getSongRoute: RouteModule = (app, ctx) => {
  app.get(
    '/songs/:id',
    {
      config: { ownedResource: 'song' },
      schema: {
        tags: ['library'],
        summary: 'One song: everything for its owner, the public view of a public song for anyone else',
        description:
          'A song the caller may not see is 404 (401 without credentials), whether or not it exists. ' +
          'Others see only public, completed songs, without the prompt, visibility, favorite flag or share slug.',
        security: OPTIONAL_AUTH,
        params: SongIdParams,
        response: { 200: SongDetailSchema },
      },
    },
    async (request) => getSong(ctx, { songId: request.params.id, userId: request.user?.id ?? null }),
  );
};

export default getSongRoute;
