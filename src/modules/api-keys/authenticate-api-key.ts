import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { unauthorized } from '../../errors.ts';
import { hashToken } from '../auth/opaque-token.ts';
import type { PublicUser } from '../auth/types.ts';
import { parseApiKeyPrefix } from './api-key-format.ts';

// last_used_at is for people ("used 3 minutes ago"); a write per request would be pure load.
const TOUCH_INTERVAL_MS = 60_000;

/** The user an API key belongs to, or 401 for a malformed, unknown or revoked key. */
export async function authenticateApiKey(ctx: Pick<AppContext, 'database'>, key: string): Promise<PublicUser> {
  const prefix = parseApiKeyPrefix(key);
  if (!prefix) throw unauthorized('Invalid API key');
  const db = ctx.database.db;
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select(['api_keys.id as keyId', 'api_keys.last_used_at', 'users.id', 'users.email', 'users.role'])
    .where('api_keys.key_hash', '=', hashToken(key))
    .where('api_keys.prefix', '=', prefix)
    .where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw unauthorized('Invalid API key');
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() >= TOUCH_INTERVAL_MS) {
    // Conditional, so instances touching the same key at once write it once.
    await db
      .updateTable('api_keys')
      .set({ last_used_at: sql`now()` })
      .where('id', '=', row.keyId)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
      .execute();
  }
  return { id: row.id, email: row.email, role: row.role };
}
