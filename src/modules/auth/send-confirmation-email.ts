import type { AppContext } from '../../app-context.ts';
import type { Executor } from '../../db/executor.ts';
import { confirmEmailMessage } from '../../mail/templates/confirm-email.ts';
import { createEmailToken } from './create-email-token.ts';

/** Creates a confirmation token and queues the mail with its link, both through `executor`. */
export async function sendConfirmationEmail(
  ctx: Pick<AppContext, 'config' | 'mail'>,
  executor: Executor,
  user: { id: string; email: string },
): Promise<void> {
  const ttlSeconds = ctx.config.auth.emailTokenTtlSeconds;
  const token = await createEmailToken(executor, { userId: user.id, purpose: 'confirm_email', ttlSeconds });
  const link = `${ctx.config.publicUrl}/api/auth/confirm?token=${encodeURIComponent(token)}`;
  await ctx.mail.send(executor, confirmEmailMessage({ to: user.email, link, expiresInHours: Math.round(ttlSeconds / 3600) }));
}
