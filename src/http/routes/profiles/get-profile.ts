import { z } from 'zod';
import { getPublicProfile, PublicProfileSchema } from '../../../modules/profiles/index.ts';
import type { RouteModule } from '../../types.ts';

const getProfile: RouteModule = (app, ctx) => {
  app.get(
    '/profiles/:username',
    {
      // A public lookup by name, not a resource anyone owns.
      config: { publicResource: true },
      schema: {
        tags: ['profiles'],
        summary: "A user's public profile, by username (case-insensitive)",
        params: z.object({ username: z.string().max(100) }),
        response: { 200: PublicProfileSchema },
      },
    },
    async (request) => getPublicProfile(ctx, { username: request.params.username }),
  );
};

export default getProfile;
