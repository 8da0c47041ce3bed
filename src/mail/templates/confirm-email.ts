import type { OutgoingMail } from '../mailer.ts';
import { escapeHtml } from './escape-html.ts';

/** The message sent after sign-up: one link that confirms the address. */
export function confirmEmailMessage(input: { to: string; link: string; expiresInHours: number }): OutgoingMail {
  const { to, link, expiresInHours } = input;
  const text = [
    'Welcome to Backbeat!',
    '',
    'Confirm your e-mail address by opening this link:',
    link,
    '',
    `The link works once and expires in ${expiresInHours} hours. If you did not sign up, ignore this message.`,
  ].join('\n');
  const safe = escapeHtml(link);
  const html =
    `<p>Welcome to Backbeat!</p><p>Confirm your e-mail address: <a href="${safe}">${safe}</a></p>` +
    `<p>The link works once and expires in ${expiresInHours} hours. If you did not sign up, ignore this message.</p>`;
  return { to, subject: 'Confirm your e-mail address', text, html };
}
