import { createHmac } from 'node:crypto';
import type { Config } from '../../config.ts';

/**
 * The refresh token that follows `token`: an HMAC of it under a key derived from the server secret.
 * Being a function of the presented token, it can be handed out again to a second request that raced
 * the first one within the grace window, without the plaintext ever being stored. Without the secret
 * it is as unpredictable as a random token.
 */
export function deriveSuccessorToken(config: Pick<Config, 'jwt'>, token: string): string {
  const key = createHmac('sha256', config.jwt.secret).update('refresh-token-successor').digest();
  return createHmac('sha256', key).update(token).digest('base64url');
}
