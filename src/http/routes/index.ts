// Every module's routes, registered under /api. A module switched off simply isn't listed.
import type { AppContext } from '../../app-context.ts';
import type { AppInstance, RouteModule } from '../types.ts';
import { healthRoutes } from './health/index.ts';

const ROUTES: RouteModule[] = [...healthRoutes];

export function registerRoutes(app: AppInstance, ctx: AppContext): void {
  for (const register of ROUTES) register(app, ctx);
}
