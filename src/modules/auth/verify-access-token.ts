import { jwtVerify } from 'jose';
import type { Config } from '../../config.ts';
import { unauthorized } from '../../errors.ts';
import { isUuid } from './is-uuid.ts';

export interface AccessClaims {
  userId: string;
  issuedAt: number;
}

/**
 * Verifies an access token and returns its subject, or throws 401. The key is the configured secret
 * and nothing else: headers that name other keys (jku, x5u, jwk, kid) are never consulted, only HS256
 * is accepted (so no `none`, no algorithm confusion), and expiry gets no leeway.
 */
export async function verifyAccessToken(config: Pick<Config, 'jwt'>, token: string): Promise<AccessClaims> {
  const { secret, issuer, audience } = config.jwt;
  let payload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      issuer,
      audience,
      clockTolerance: 0,
      requiredClaims: ['sub', 'exp', 'iat', 'jti'],
    }));
  } catch {
    throw unauthorized('Invalid or expired access token');
  }
  // The subject goes into a uuid column; anything else would be a database error, not a 401.
  if (typeof payload.sub !== 'string' || !isUuid(payload.sub) || typeof payload.iat !== 'number') {
    throw unauthorized('Invalid or expired access token');
  }
  return { userId: payload.sub, issuedAt: payload.iat };
}
