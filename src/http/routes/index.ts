// Every module's routes, registered under /api. A module switched off simply isn't listed.
import type { AppContext } from '../../app-context.ts';
import type { AppInstance, RouteModule } from '../types.ts';
import { adminRoutes } from './admin/index.ts';
import { apiKeyRoutes } from './api-keys/index.ts';
import { authRoutes } from './auth/index.ts';
import { exploreRoutes } from './explore/index.ts';
import { generateRoutes } from './generate/index.ts';
import { healthRoutes } from './health/index.ts';
import { jobRoutes } from './jobs/index.ts';
import { loudnessRoutes } from './loudness/index.ts';
import { lyricsRoutes } from './lyrics/index.ts';
import { meRoutes } from './me/index.ts';
import { profileRoutes } from './profiles/index.ts';
import { shareRoutes } from './share/index.ts';
import { songRoutes } from './songs/index.ts';
import { storageRoutes } from './storage/index.ts';
import { walletRoutes } from './wallet/index.ts';
import { webhookRoutes } from './webhooks/index.ts';

const ROUTES: RouteModule[] = [
  ...healthRoutes,
  ...authRoutes,
  ...apiKeyRoutes,
  ...meRoutes,
  ...profileRoutes,
  ...storageRoutes,
  ...jobRoutes,
  ...walletRoutes,
  ...adminRoutes,
  ...generateRoutes,
  ...lyricsRoutes,
  ...webhookRoutes,
  ...songRoutes,
  ...exploreRoutes,
  ...shareRoutes,
  ...loudnessRoutes,
];

export function registerRoutes(app: AppInstance, ctx: AppContext): void {
  for (const register of ROUTES) register(app, ctx);
}
