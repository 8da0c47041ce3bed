import { registerProviderEngines } from '../../../modules/generation/providers/register-provider-engines.ts';
import type { RouteModule } from '../../types.ts';
import postProviderWebhook from './post-provider-webhook.ts';

// API-only processes never start workers, yet a generate request may name a provider engine: the
// configured ones are registered with the webhook routes, which every API process loads.
const registerConfiguredEngines: RouteModule = (_app, ctx) => {
  registerProviderEngines(ctx.config);
};

export const webhookRoutes: RouteModule[] = [registerConfiguredEngines, postProviderWebhook];
