import { randomBytes } from 'node:crypto';

// `bb_live_<prefix>_<secret>`: the prefix (8 hex characters) is stored in clear so a user can tell
// keys apart; the secret is 32 random bytes. The prefix is hex so the separator stays unambiguous.
const KEY_PATTERN = /^bb_live_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** A new API key and its display prefix. */
export function generateApiKey(): { key: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  return { key: `bb_live_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** The prefix of a well-formed key, or null for anything that cannot be one of ours. */
export function parseApiKeyPrefix(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}
