import type { RouteModule } from '../../types.ts';
import deleteMeAvatar from './delete-me-avatar.ts';
import getMe from './get-me.ts';
import patchMe from './patch-me.ts';
import postMeAvatar from './post-me-avatar.ts';

export const meRoutes: RouteModule[] = [getMe, patchMe, postMeAvatar, deleteMeAvatar];
