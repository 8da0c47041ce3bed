import type { OutgoingMail } from '../mailer.ts';
import { escapeHtml } from './escape-html.ts';

/**
 * The password-reset message. The token is given on its own as well as in a link: the API has no page
 * of its own, so a client (the web studio) reads it from its link and posts it to /api/auth/reset.
 */
export function resetPasswordMessage(input: { to: string; link: string; token: string; expiresInMinutes: number }): OutgoingMail {
  const { to, link, token, expiresInMinutes } = input;
  const text = [
    'Someone asked to reset the password of your Backbeat account.',
    '',
    'Choose a new password here:',
    link,
    '',
    `Reset token: ${token}`,
    '',
    `The link works once and expires in ${expiresInMinutes} minutes. If you did not ask for this, ignore this message; your password stays as it is.`,
  ].join('\n');
  const safe = escapeHtml(link);
  const html =
    `<p>Someone asked to reset the password of your Backbeat account.</p><p>Choose a new password: <a href="${safe}">${safe}</a></p>` +
    `<p>The link works once and expires in ${expiresInMinutes} minutes. If you did not ask for this, ignore this message.</p>`;
  return { to, subject: 'Reset your Backbeat password', text, html };
}
