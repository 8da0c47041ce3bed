import type { AppContext } from '../../app-context.ts';
import { AppError, unauthorized } from '../../errors.ts';
import { assertLoginAllowed } from './assert-login-allowed.ts';
import { issueSession } from './issue-session.ts';
import { recordLoginAttempt } from './record-login-attempt.ts';
import type { AuthSession } from './types.ts';
import { verifyPassword } from './verify-password.ts';

/**
 * Password login. Known and unknown e-mails take the same path (one lookup, one argon2 verification,
 * one attempt row), so neither the answer nor its timing tells whether an account exists. Whether the
 * e-mail is confirmed is only revealed to someone who knows the password.
 */
export async function loginUser(
  ctx: Pick<AppContext, 'config' | 'database'>,
  input: { email: string; password: string; ip: string },
): Promise<AuthSession> {
  // No format check: a malformed address is simply an unknown one.
  const email = input.email.trim().toLowerCase();
  await assertLoginAllowed(ctx, { email, ip: input.ip });
  const db = ctx.database.db;
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'password_hash', 'email_confirmed_at'])
    .where('email', '=', email)
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  await recordLoginAttempt(ctx, { email, ip: input.ip, succeeded: ok });
  if (!ok || !user) throw unauthorized('Invalid e-mail or password');
  if (ctx.config.auth.requireEmailConfirmation && user.email_confirmed_at === null) {
    throw new AppError('email_not_confirmed', 'Confirm your e-mail address before logging in');
  }
  return issueSession(ctx, db, user);
}
