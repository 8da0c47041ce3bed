import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import type { Executor } from '../../db/executor.ts';
import type { EmailTokenPurpose } from './create-email-token.ts';
import { hashToken } from './opaque-token.ts';

/**
 * Marks a token used and returns its user, or throws 400 `invalid_token` when it is unknown, used,
 * expired or meant for something else. One conditional UPDATE: of two requests with the same token,
 * exactly one gets the user.
 */
export async function consumeEmailToken(executor: Executor, input: { token: string; purpose: EmailTokenPurpose }): Promise<string> {
  const row = await executor
    .updateTable('email_tokens')
    .set({ used_at: sql`now()` })
    .where('token_hash', '=', hashToken(input.token))
    .where('purpose', '=', input.purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst();
  if (!row) throw new AppError('invalid_token', 'token: invalid, expired or already used', { field: 'token' });
  return row.user_id;
}
