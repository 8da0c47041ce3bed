import type { RouteModule } from '../../types.ts';
import getExplore from './get-explore.ts';

export const exploreRoutes: RouteModule[] = [getExplore];
