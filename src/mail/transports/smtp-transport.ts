import { createTransport } from 'nodemailer';
import type { MailMessage, MailTransport } from './types.ts';
import { MailTransportError, redactSecrets } from './mail-transport-error.ts';
import { parseSmtpUrl, type SmtpEndpoint } from './smtp-url.ts';

export interface SmtpTransportOptions {
  /** Time to open the connection and receive the greeting; default 10 s. */
  connectionTimeoutMs?: number;
  /** Inactivity allowed on an open connection; default 30 s. */
  socketTimeoutMs?: number;
}

/**
 * Delivers through an SMTP server given as `smtp://user:pass@host:port` or
 * `smtps://…`. Each delivery opens its own connection: the outbox sends few
 * messages, and no idle pooled socket can go stale between them.
 */
export function createSmtpTransport(smtpUrl: string, options: SmtpTransportOptions = {}): MailTransport {
  const endpoint = parseSmtpUrl(smtpUrl);
  const connectionTimeoutMs = options.connectionTimeoutMs ?? 10_000;
  const socketTimeoutMs = options.socketTimeoutMs ?? 30_000;
  const transporter = createTransport({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    auth: endpoint.auth,
    connectionTimeout: connectionTimeoutMs,
    // A server that accepts the socket but never greets is as dead as one that refuses it.
    greetingTimeout: connectionTimeoutMs,
    dnsTimeout: connectionTimeoutMs,
    socketTimeout: socketTimeoutMs,
    logger: false,
    debug: false,
  });
  let closed = false;

  return {
    kind: 'smtp',

    async deliver(message: MailMessage) {
      if (closed) throw new MailTransportError('SMTP transport is closed');
      try {
        const info = await transporter.sendMail({
          from: message.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html !== undefined ? { html: message.html } : {}),
        });
        return { messageId: info.messageId };
      } catch (error) {
        throw toTransportError('delivery', endpoint, error);
      }
    },

    async verify() {
      if (closed) throw new MailTransportError('SMTP transport is closed');
      try {
        await transporter.verify();
      } catch (error) {
        throw toTransportError('check', endpoint, error);
      }
    },

    async close() {
      closed = true;
      transporter.close();
    },
  };
}

// Rebuilt rather than rethrown: the original error and its fields may quote
// the server's reply, and nothing that leaves here may contain the password.
function toTransportError(operation: string, endpoint: SmtpEndpoint, error: unknown): MailTransportError {
  const original = error as { message?: unknown; code?: unknown; responseCode?: unknown };
  const reason = typeof original?.message === 'string' ? original.message : String(error);
  const code = typeof original?.code === 'string' ? original.code : undefined;
  const responseCode = typeof original?.responseCode === 'number' ? original.responseCode : undefined;
  const user = endpoint.auth ? ` as ${endpoint.auth.user}` : '';
  const message = `SMTP ${operation} via ${endpoint.host}:${endpoint.port}${user} failed: ${reason}${code ? ` (${code})` : ''}`;
  return new MailTransportError(redactSecrets(message, endpoint.secrets), { code, responseCode });
}
