import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Config } from '../../config.ts';
import type { PublicUser } from './types.ts';

/** Signs a short-lived HS256 access token for `user` with the configured secret, issuer and audience. */
export async function signAccessToken(config: Pick<Config, 'jwt'>, user: PublicUser): Promise<{ token: string; expiresIn: number }> {
  const { secret, issuer, audience, accessTtlSeconds } = config.jwt;
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ role: user.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + accessTtlSeconds)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(secret));
  return { token, expiresIn: accessTtlSeconds };
}
