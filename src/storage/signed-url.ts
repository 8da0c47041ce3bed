import { createHmac, timingSafeEqual } from 'node:crypto';
import { isObjectKey } from './keys.ts';
import type { SignedUrlOptions } from './types.ts';

/** S3 refuses presigned URLs valid for more than seven days; both drivers share the limit. */
export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 3600;

export function assertExpiresIn(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SIGNED_URL_SECONDS) {
    throw new RangeError(`expiresInSeconds must be an integer from 1 to ${MAX_SIGNED_URL_SECONDS}`);
  }
}

function sign(key: string, expires: string, name: string, secret: string): string {
  // Newline-separated: none of the three parts can contain one that changes the meaning
  // (keys and expiry are fixed shapes; the name comes last).
  return createHmac('sha256', secret).update(`storage-url-v1\n${key}\n${expires}\n${name}`).digest('base64url');
}

/** URL served by the app's `/api/storage/signed/<key>` route for the local driver. */
export function makeLocalSignedUrl(
  publicBaseUrl: string,
  key: string,
  opts: SignedUrlOptions,
  signingSecret: string,
  now: Date = new Date(),
): string {
  assertExpiresIn(opts.expiresInSeconds);
  const expires = String(Math.floor(now.getTime() / 1000) + opts.expiresInSeconds);
  const name = opts.downloadName ?? '';
  const query = [`expires=${expires}`];
  if (name !== '') query.push(`name=${encodeURIComponent(name)}`);
  query.push(`signature=${sign(key, expires, name, signingSecret)}`);
  return `${publicBaseUrl.replace(/\/+$/, '')}/api/storage/signed/${key}?${query.join('&')}`;
}

/** Checks a local signed URL's decoded query parameters; false when expired, altered or malformed. */
export function verifyLocalSignature(
  key: string,
  query: { expires?: string; signature?: string; name?: string },
  signingSecret: string,
  now: Date = new Date(),
): boolean {
  const { expires, signature } = query;
  if (!isObjectKey(key) || typeof expires !== 'string' || typeof signature !== 'string') return false;
  if (!/^\d{1,12}$/.test(expires) || Math.floor(now.getTime() / 1000) >= Number(expires)) return false;
  const expected = Buffer.from(sign(key, expires, query.name ?? '', signingSecret));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
