// Resolves who is calling before any route runs. Credentials that are present but wrong (forged,
// expired, revoked, malformed) are refused with 401 right here rather than treated as anonymous, so
// a client never silently gets a public view because its token broke.
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../errors.ts';
import { authenticateApiKey } from '../../modules/api-keys/authenticate-api-key.ts';
import { findSessionUser } from '../../modules/auth/find-session-user.ts';
import { verifyAccessToken } from '../../modules/auth/verify-access-token.ts';
import type { AppInstance, AuthUser } from '../types.ts';

function refuse(message: string, scheme = 'Bearer'): AppError {
  return new AppError('unauthorized', message, undefined, { 'www-authenticate': scheme });
}

async function fromBearer(ctx: AppContext, header: string): Promise<AuthUser> {
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  if (!match) throw refuse('Authorization must be "Bearer <access token>"');
  const claims = await verifyAccessToken(ctx.config, match[1]);
  const user = await findSessionUser(ctx, claims.userId, claims.issuedAt);
  if (!user) throw refuse('Invalid or expired access token');
  return { ...user, via: 'jwt' };
}

async function fromApiKey(ctx: AppContext, key: string): Promise<AuthUser> {
  try {
    return { ...(await authenticateApiKey(ctx, key.trim())), via: 'api_key' };
  } catch (err) {
    if (err instanceof AppError) throw refuse(err.message, 'ApiKey');
    throw err;
  }
}

/** Sets `request.user` from `Authorization: Bearer <jwt>` or `X-API-Key: <key>`, null when neither is sent. */
export function registerAuthentication(app: AppInstance, ctx: AppContext): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    request.user = null;
    const authorization = request.headers.authorization;
    const apiKey = request.headers['x-api-key'];
    if (authorization === undefined && apiKey === undefined) return;
    if (authorization !== undefined && apiKey !== undefined) {
      throw refuse('Send either Authorization or X-API-Key, not both');
    }
    if (Array.isArray(apiKey)) throw refuse('Send one X-API-Key header', 'ApiKey');
    request.user = authorization !== undefined ? await fromBearer(ctx, authorization) : await fromApiKey(ctx, apiKey ?? '');
  });
}
