import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { resetPasswordMessage } from '../../mail/templates/reset-password.ts';
import { createEmailToken } from './create-email-token.ts';

/**
 * Queues a reset mail when `email` has an account and does nothing otherwise. The route answers 202
 * before this runs, so the response never depends on which branch was taken.
 */
export async function requestPasswordReset(ctx: Pick<AppContext, 'config' | 'database' | 'mail'>, rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const db = ctx.database.db;
  const user = await db.selectFrom('users').select(['id', 'email']).where('email', '=', email).executeTakeFirst();
  if (!user) return;
  // One mail a minute per account at most: the endpoint is anonymous, and must not become a way to
  // flood someone's inbox.
  const recent = await db
    .selectFrom('email_tokens')
    .select('id')
    .where('user_id', '=', user.id)
    .where('purpose', '=', 'reset_password')
    .where('created_at', '>', sql<Date>`now() - interval '1 minute'`)
    .executeTakeFirst();
  if (recent) return;
  const ttlSeconds = ctx.config.auth.passwordResetTtlSeconds;
  await db.transaction().execute(async (trx) => {
    const token = await createEmailToken(trx, { userId: user.id, purpose: 'reset_password', ttlSeconds });
    const link = `${ctx.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await ctx.mail.send(trx, resetPasswordMessage({ to: user.email, link, token, expiresInMinutes: Math.round(ttlSeconds / 60) }));
  });
}
