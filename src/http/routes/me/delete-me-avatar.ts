import { ProfileSchema, removeAvatar } from '../../../modules/profiles/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';

const deleteMeAvatar: RouteModule = (app, ctx) => {
  app.delete(
    '/me/avatar',
    {
      schema: {
        tags: ['profiles'],
        summary: 'Remove your avatar',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        response: { 200: ProfileSchema },
      },
    },
    async (request) => removeAvatar(ctx, { userId: requireUser(request).id }),
  );
};

export default deleteMeAvatar;
