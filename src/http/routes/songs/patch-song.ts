import { z } from 'zod';
import { updateSong } from '../../../modules/library/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { AUTH, OwnerSongSchema, SongIdParams, VisibilitySchema } from './schemas.ts';

const PatchSongBody = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  visibility: VisibilitySchema.optional(),
});

const patchSong: RouteModule = (app, ctx) => {
  app.patch(
    '/songs/:id',
    {
      config: { ownedResource: 'song' },
      schema: {
        tags: ['library'],
        summary: 'Rename your song or make it public or private',
        security: AUTH,
        params: SongIdParams,
        body: PatchSongBody,
        response: { 200: OwnerSongSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return updateSong(ctx, { songId: request.params.id, userId: user.id, ...request.body });
    },
  );
};

export default patchSong;
