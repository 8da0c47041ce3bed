import { getMyProfile, ProfileSchema } from '../../../modules/profiles/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';

const getMe: RouteModule = (app, ctx) => {
  app.get(
    '/me',
    {
      schema: {
        tags: ['profiles'],
        summary: 'The signed-in account and its profile',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        response: { 200: ProfileSchema },
      },
    },
    async (request) => getMyProfile(ctx, { userId: requireUser(request).id }),
  );
};

export default getMe;
