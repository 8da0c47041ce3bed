// Every module's routes, registered under /api. A module switched off simply isn't listed.
import type { AppContext } from '../../app-context.ts';
import type { AppInstance, RouteModule } from '../types.ts';
import { apiKeyRoutes } from './api-keys/index.ts';
import { authRoutes } from './auth/index.ts';
import { healthRoutes } from './health/index.ts';
import { generateRoutes } from './generate/index.ts';
import { jobRoutes } from './jobs/index.ts';
import { lyricsRoutes } from './lyrics/index.ts';
import { meRoutes } from './me/index.ts';
import { profileRoutes } from './profiles/index.ts';
import { storageRoutes } from './storage/index.ts';

const ROUTES: RouteModule[] = [
  ...healthRoutes,
  ...authRoutes,
  ...apiKeyRoutes,
  ...meRoutes,
  ...profileRoutes,
  ...storageRoutes,
  ...jobRoutes,
  ...generateRoutes,
  ...lyricsRoutes,
];

export function registerRoutes(app: AppInstance, ctx: AppContext): void {
  for (const register of ROUTES) register(app, ctx);
}
