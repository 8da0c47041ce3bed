import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { consumeEmailToken } from './consume-email-token.ts';
import { hashPassword } from './hash-password.ts';
import { validatePassword } from './validate-password.ts';

/**
 * Sets a new password with a reset token. Every refresh-token family of the user is revoked and access
 * tokens issued before now are refused (whoever knew the old password is logged out), and other
 * outstanding reset tokens are spent. Having received
 * the mail also proves the address, so it counts as confirmed.
 */
export async function resetPassword(ctx: Pick<AppContext, 'database'>, input: { token: string; password: string }): Promise<void> {
  // Checked and hashed before the token is spent: a too-short password must not burn the link.
  validatePassword(input.password);
  const passwordHash = await hashPassword(input.password);
  await ctx.database.db.transaction().execute(async (trx) => {
    const userId = await consumeEmailToken(trx, { token: input.token, purpose: 'reset_password' });
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        password_changed_at: sql`now()`,
        email_confirmed_at: sql`coalesce(email_confirmed_at, now())`,
        updated_at: sql`now()`,
      })
      .where('id', '=', userId)
      .execute();
    await trx
      .updateTable('refresh_tokens')
      .set({ revoked_at: sql`now()` })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
    await trx
      .updateTable('email_tokens')
      .set({ used_at: sql`now()` })
      .where('user_id', '=', userId)
      .where('purpose', '=', 'reset_password')
      .where('used_at', 'is', null)
      .execute();
  });
}
