import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 (hex) of a token. Tokens are 256-bit random values, so a fast hash is enough to store them. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new random token (32 bytes, base64url) and the hash to store in its place. */
export function createOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}
