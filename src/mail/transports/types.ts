/** One e-mail as the outbox hands it to a transport. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  from: string;
}

/**
 * Where outbox mail goes: printed to the log in embedded mode, or sent to an
 * SMTP server. `deliver` resolves once the receiving side accepted the message.
 */
export interface MailTransport {
  kind: 'log' | 'smtp';
  deliver(message: MailMessage): Promise<{ messageId?: string }>;
  /** Checks that the transport can deliver (for SMTP: connect and log in). */
  verify(): Promise<void>;
  close(): Promise<void>;
}
