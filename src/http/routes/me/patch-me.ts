import { ProfilePatchSchema, ProfileSchema, updateProfile } from '../../../modules/profiles/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';

const patchMe: RouteModule = (app, ctx) => {
  app.patch(
    '/me',
    {
      schema: {
        tags: ['profiles'],
        summary: 'Update your profile (username, display name, bio, social links, public slug)',
        description:
          'Every field is optional; `null` clears it. `socialLinks` replaces the whole set. ' +
          'A username or slug someone else holds (compared case-insensitively) answers 409 naming the field.',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        body: ProfilePatchSchema,
        response: { 200: ProfileSchema },
      },
    },
    async (request) => updateProfile(ctx, { userId: requireUser(request).id, patch: request.body }),
  );
};

export default patchMe;
