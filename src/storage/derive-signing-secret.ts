import { createHmac } from 'node:crypto';

/**
 * The key local signed URLs are signed with: derived from the JWT secret under its own label, so a
 * signed URL can never be replayed as a token, and every instance sharing the JWT secret agrees.
 */
export function deriveStorageSigningSecret(jwtSecret: string): string {
  return createHmac('sha256', jwtSecret).update('storage-url-signing').digest('base64url');
}
