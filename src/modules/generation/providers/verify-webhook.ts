// Decides whether a webhook delivery really comes from the provider, before its body is parsed.
// Three schemes (docs/providers.md): an HMAC signature with a timestamp, a shared secret in a header
// (PiAPI sends its `x-webhook-secret`), or a shared secret in the webhook URL's query (for providers
// that sign nothing, such as MusicGPT). Every comparison is constant-time; any listed secret passes,
// so a secret can be rotated without dropping deliveries.
import type { WebhookScheme } from '../../../config.ts';
import { hmacHex } from './sign-webhook.ts';
import { timingSafeEqualText } from './timing-safe-equal.ts';

export const SIGNATURE_HEADER = 'x-webhook-signature';
export const SECRET_HEADER = 'x-webhook-secret';
export const SECRET_QUERY = 'token';

export interface WebhookDelivery {
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  rawBody: Buffer;
}

export interface VerifyOptions {
  scheme: WebhookScheme;
  secrets: string[];
  toleranceSeconds: number;
  nowSeconds?: number;
}

/** null when the delivery is authentic, else the reason it is refused (for the failures table, never for the caller). */
export function verifyWebhook(delivery: WebhookDelivery, options: VerifyOptions): string | null {
  if (options.secrets.length === 0) return 'no webhook secret configured';
  if (options.scheme === 'header') return verifySecret(single(delivery.headers[SECRET_HEADER]), options.secrets, `${SECRET_HEADER} header`);
  if (options.scheme === 'query') return verifySecret(single(delivery.query[SECRET_QUERY]), options.secrets, `${SECRET_QUERY} query parameter`);
  return verifySignature(single(delivery.headers[SIGNATURE_HEADER]), delivery.rawBody, options);
}

function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 1 && typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function verifySecret(given: string | undefined, secrets: string[], where: string): string | null {
  if (!given) return `missing ${where}`;
  // Every secret is compared (no early exit), so timing says nothing about which one matched.
  let ok = false;
  for (const secret of secrets) ok = timingSafeEqualText(given, secret) || ok;
  return ok ? null : `wrong ${where}`;
}

function verifySignature(header: string | undefined, rawBody: Buffer, options: VerifyOptions): string | null {
  if (!header) return `missing ${SIGNATURE_HEADER} header`;
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') timestamp = value;
    else if (key === 'v1') signatures.push(value);
  }
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'signature header has no valid timestamp';
  if (signatures.length === 0) return 'signature header has no v1 signature';
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > options.toleranceSeconds) return 'signature timestamp outside the tolerance';
  let ok = false;
  for (const secret of options.secrets) {
    const expected = hmacHex(secret, timestamp, rawBody);
    for (const given of signatures) ok = timingSafeEqualText(given.toLowerCase(), expected) || ok;
  }
  return ok ? null : 'no signature matches';
}
