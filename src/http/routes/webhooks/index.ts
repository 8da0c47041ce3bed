import type { RouteModule } from '../../types.ts';
import postProviderWebhook from './post-provider-webhook.ts';

export const webhookRoutes: RouteModule[] = [postProviderWebhook];
