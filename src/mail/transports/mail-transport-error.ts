/**
 * A failed delivery or check. `permanent` is true when the server answered
 * with a 5xx reply (bad credentials, rejected recipient): retrying the same
 * message will fail again, so the outbox can stop instead of backing off.
 */
export class MailTransportError extends Error {
  readonly code: string | undefined;
  readonly responseCode: number | undefined;
  readonly permanent: boolean;

  constructor(message: string, details: { code?: string; responseCode?: number } = {}) {
    super(message);
    this.name = 'MailTransportError';
    this.code = details.code;
    this.responseCode = details.responseCode;
    this.permanent = details.responseCode !== undefined && details.responseCode >= 500 && details.responseCode < 600;
  }
}

/** Replaces every occurrence of each secret in `text` with `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret.length > 0) redacted = redacted.split(secret).join('***');
  }
  return redacted;
}
