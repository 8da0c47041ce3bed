import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { consumeEmailToken } from './consume-email-token.ts';

/** Confirms the address a confirmation token was sent to; 400 `invalid_token` if it can't be used. */
export async function confirmEmail(ctx: Pick<AppContext, 'database'>, token: string): Promise<{ email: string }> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const userId = await consumeEmailToken(trx, { token, purpose: 'confirm_email' });
    const user = await trx
      .updateTable('users')
      .set({ email_confirmed_at: sql`coalesce(email_confirmed_at, now())`, updated_at: sql`now()` })
      .where('id', '=', userId)
      .returning('email')
      .executeTakeFirstOrThrow();
    return { email: user.email };
  });
}
