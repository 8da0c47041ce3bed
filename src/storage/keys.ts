import { randomUUID } from 'node:crypto';
import { StorageError } from './errors.ts';
import { BUCKET_NAMES, type BucketName } from './types.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const BUCKETS = BUCKET_NAMES.join('|');
const EXT_PATTERN = /^[a-z0-9]{1,8}$/;
const UUID_PATTERN = new RegExp(`^${UUID}$`, 'i');
// The only shape a key can have. Matching it whole is what keeps `..`, `%2f`,
// backslashes, NUL and absolute paths out: none of them can appear in it.
const KEY_PATTERN = new RegExp(`^(${BUCKETS})/${UUID}/${UUID}\\.[a-z0-9]{1,8}$`);
const PREFIX_PATTERN = new RegExp(`^(${BUCKETS})(/${UUID})?/?$`);

export function isBucketName(value: string): value is BucketName {
  return (BUCKET_NAMES as readonly string[]).includes(value);
}

export function makeObjectKey(bucket: BucketName, ownerId: string, ext: string): string {
  if (!isBucketName(bucket)) throw new StorageError('invalid_key', `unknown bucket "${String(bucket)}"`);
  if (!UUID_PATTERN.test(ownerId)) throw new StorageError('invalid_key', 'owner id must be a UUID');
  if (!EXT_PATTERN.test(ext)) throw new StorageError('invalid_key', 'extension must match [a-z0-9]{1,8}');
  return `${bucket}/${ownerId.toLowerCase()}/${randomUUID()}.${ext}`;
}

export function isObjectKey(key: unknown): key is string {
  return typeof key === 'string' && KEY_PATTERN.test(key);
}

export function assertObjectKey(key: unknown): asserts key is string {
  if (!isObjectKey(key)) throw new StorageError('invalid_key', 'not a storage key');
}

export function bucketOfKey(key: string): BucketName | null {
  if (!isObjectKey(key)) return null;
  return key.slice(0, key.indexOf('/')) as BucketName;
}

/** Accepts `<bucket>` or `<bucket>/<ownerId>` (trailing slash optional); returns it ending in `/`. */
export function normalizePrefix(prefix: string): string {
  if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix.toLowerCase())) {
    throw new StorageError('invalid_key', 'prefix must be <bucket>/ or <bucket>/<ownerId>/');
  }
  const lower = prefix.toLowerCase();
  return lower.endsWith('/') ? lower : `${lower}/`;
}
