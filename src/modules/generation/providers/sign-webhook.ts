import { createHmac } from 'node:crypto';

/** The `t=…,v1=…` header value of the hmac-sha256 scheme: HMAC-SHA256 of `${t}.${rawBody}`, hex. */
export function signWebhook(secret: string, rawBody: Buffer | string, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  return `t=${timestampSeconds},v1=${hmacHex(secret, timestampSeconds, rawBody)}`;
}

export function hmacHex(secret: string, timestampSeconds: number | string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex');
}
