import { getStreak } from '../../../modules/social/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { AUTH, StreakSchema } from './schemas.ts';

const getMeStreak: RouteModule = (app, ctx) => {
  app.get(
    '/me/streak',
    {
      schema: {
        tags: ['social'],
        summary: 'Your daily activity streak (UTC days; a day missed resets it)',
        description: 'currentStreak reads 0 once a whole UTC day has passed without activity.',
        security: AUTH,
        response: { 200: StreakSchema },
      },
    },
    async (request) => getStreak(ctx, requireUser(request).id),
  );
};

export default getMeStreak;
