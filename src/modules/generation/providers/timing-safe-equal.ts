import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets in constant time. timingSafeEqual throws on a length mismatch, so lengths are
 * checked first (a length is not secret: every signature of a scheme has the same one).
 */
export function timingSafeEqualText(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length || b.length === 0) return false;
  return timingSafeEqual(a, b);
}
