import type { RouteModule } from '../../types.ts';
import getHealth from './get-health.ts';

export const healthRoutes: RouteModule[] = [getHealth];
