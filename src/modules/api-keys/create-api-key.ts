import type { AppContext } from '../../app-context.ts';
import { badRequest } from '../../errors.ts';
import { hashToken } from '../auth/opaque-token.ts';
import { generateApiKey } from './api-key-format.ts';

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  /** The only time the full key exists outside the caller's hands. */
  key: string;
}

/**
 * Creates an API key for `userId`. Only a SHA-256 of the key is stored: with 256 random bits there is
 * nothing to brute-force, so a slow password hash would only make every API request slower.
 */
export async function createApiKey(ctx: Pick<AppContext, 'database'>, input: { userId: string; name: string }): Promise<CreatedApiKey> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw badRequest('name', 'must be 1–100 characters');
  const { key, prefix } = generateApiKey();
  const row = await ctx.database.db
    .insertInto('api_keys')
    .values({ user_id: input.userId, name, prefix, key_hash: hashToken(key) })
    .returning(['id', 'name', 'prefix'])
    .executeTakeFirstOrThrow();
  return { ...row, key };
}
