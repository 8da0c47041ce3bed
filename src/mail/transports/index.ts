import { createLogTransport } from './log-transport.ts';
import { createSmtpTransport, type SmtpTransportOptions } from './smtp-transport.ts';
import type { MailTransport } from './types.ts';

export type { MailMessage, MailTransport } from './types.ts';
export { MailTransportError } from './mail-transport-error.ts';
export { createLogTransport } from './log-transport.ts';
export { createSmtpTransport, type SmtpTransportOptions } from './smtp-transport.ts';

/** SMTP when a URL is configured, otherwise the log (embedded mode). */
export function createMailTransport(config: {
  smtpUrl?: string;
  log: (line: string) => void;
  smtp?: SmtpTransportOptions;
}): MailTransport {
  return config.smtpUrl ? createSmtpTransport(config.smtpUrl, config.smtp) : createLogTransport(config.log);
}
