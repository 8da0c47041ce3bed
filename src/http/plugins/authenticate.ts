import type { AppContext } from '../../app-context.ts';
import type { AppInstance } from '../types.ts';

/** Resolves request.user from credentials (placeholder until the auth module is wired in). */
export function registerAuthentication(app: AppInstance, _ctx: AppContext): void {
  app.decorateRequest('user', null);
}
