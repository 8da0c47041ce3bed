// The providers that answer by webhook, as configured: how to verify and read each one's deliveries.
import type { Config } from '../../../config.ts';
import { parseMusicgptEvent } from './musicgpt/parse-musicgpt-event.ts';
import { parsePiapiEvent } from './piapi/parse-piapi-event.ts';
import type { WebhookProvider } from './types.ts';

/** The webhook provider by name, or null when it is unknown or not enabled (its webhooks are refused). */
export function getWebhookProvider(config: Config, name: string): WebhookProvider | null {
  const { providers } = config;
  if (!providers.enabled.includes(name)) return null;
  if (name === 'piapi') {
    return { name, scheme: providers.piapi.webhookScheme, secrets: providers.piapi.webhookSecrets, parseEvent: parsePiapiEvent };
  }
  if (name === 'musicgpt') {
    return { name, scheme: providers.musicgpt.webhookScheme, secrets: providers.musicgpt.webhookSecrets, parseEvent: parseMusicgptEvent };
  }
  return null;
}
