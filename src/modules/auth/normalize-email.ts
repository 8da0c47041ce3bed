import { badRequest } from '../../errors.ts';

// Deliberately loose: one "@", something on both sides, a dot in the domain, no spaces. The real check
// is the confirmation mail; stricter patterns reject valid addresses.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trims and lower-cases an e-mail address; throws 400 naming `email` when it cannot be one. */
export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) throw badRequest('email', 'must be a valid e-mail address');
  return email;
}
