import { AppError } from '../../errors.ts';

// Unique indexes on profiles and the request field each one protects.
const INDEX_FIELDS: Record<string, string> = {
  profiles_username_key: 'username',
  profiles_public_slug_key: 'publicSlug',
};

/**
 * Turns a unique violation on a profile index into 409 naming the field. Checking first and writing
 * second would still race (two users claiming one name at once); the index is the real arbiter.
 */
export function conflictFromUniqueViolation(err: unknown): AppError | null {
  const e = err as { code?: string; constraint?: string; message?: string; detail?: string } | null;
  if (!e || e.code !== '23505') return null;
  const index =
    e.constraint ?? Object.keys(INDEX_FIELDS).find((name) => `${e.message ?? ''} ${e.detail ?? ''}`.includes(name));
  const field = index ? INDEX_FIELDS[index] : undefined;
  if (!field) return null;
  return new AppError('conflict', `${field}: is already taken`, { field });
}
