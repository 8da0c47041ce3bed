import type { RouteModule } from '../../types.ts';
import getProfile from './get-profile.ts';

export const profileRoutes: RouteModule[] = [getProfile];
