import type { Executor } from '../../db/executor.ts';
import { createOpaqueToken } from './opaque-token.ts';

export type EmailTokenPurpose = 'confirm_email' | 'reset_password';

/** Stores the hash of a new single-use token for `purpose` and returns the token for the e-mail. */
export async function createEmailToken(
  executor: Executor,
  input: { userId: string; purpose: EmailTokenPurpose; ttlSeconds: number },
): Promise<string> {
  const { token, hash } = createOpaqueToken();
  await executor
    .insertInto('email_tokens')
    .values({
      user_id: input.userId,
      purpose: input.purpose,
      token_hash: hash,
      expires_at: new Date(Date.now() + input.ttlSeconds * 1000),
    })
    .execute();
  return token;
}
