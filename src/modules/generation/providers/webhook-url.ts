import type { WebhookScheme } from '../../../config.ts';
import { SECRET_QUERY } from './verify-webhook.ts';

/** Where a provider posts its results; with the query scheme the secret travels in the URL. */
export function providerWebhookUrl(baseUrl: string, scheme: WebhookScheme, secret: string | undefined): string {
  if (scheme !== 'query' || !secret) return baseUrl;
  const url = new URL(baseUrl);
  url.searchParams.set(SECRET_QUERY, secret);
  return url.toString();
}

/** The webhook address of a provider under this server's public URL. */
export function defaultWebhookUrl(publicUrl: string, provider: string): string {
  return `${publicUrl}/api/webhooks/providers/${provider}`;
}
