import type { RouteModule } from '../../types.ts';
import deleteApiKey from './delete-api-key.ts';
import getApiKeys from './get-api-keys.ts';
import postApiKey from './post-api-key.ts';

export const apiKeyRoutes: RouteModule[] = [postApiKey, getApiKeys, deleteApiKey];
