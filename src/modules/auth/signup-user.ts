import type { AppContext } from '../../app-context.ts';
import { createUser } from './create-user.ts';
import { issueSession } from './issue-session.ts';
import { sendConfirmationEmail } from './send-confirmation-email.ts';
import type { AuthSession, PublicUser } from './types.ts';

export type SignupResult =
  | ({ emailConfirmationRequired: false } & AuthSession)
  | { emailConfirmationRequired: true; user: PublicUser };

/**
 * Self-service sign-up: the user, its profile, the confirmation mail and (unless the address must be
 * confirmed first) the first session, all in one transaction. When confirmation is required no tokens
 * are issued: a session before confirming would make the requirement meaningless.
 */
export async function signupUser(
  ctx: Pick<AppContext, 'config' | 'database' | 'mail'>,
  input: { email: string; password: string },
): Promise<SignupResult> {
  let session: AuthSession | undefined;
  const user = await createUser(ctx, { email: input.email, password: input.password }, async (trx, created) => {
    await sendConfirmationEmail(ctx, trx, created);
    if (!ctx.config.auth.requireEmailConfirmation) session = await issueSession(ctx, trx, created);
  });
  if (session) return { emailConfirmationRequired: false, ...session };
  return { emailConfirmationRequired: true, user: { id: user.id, email: user.email, role: user.role } };
}
