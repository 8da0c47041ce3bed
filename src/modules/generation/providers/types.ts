// What a provider's webhook means to us, whatever its shape: one outcome per take it reports on.
import type { WebhookScheme } from '../../../config.ts';

export type OutcomeState = 'processing' | 'completed' | 'failed';

export interface ProviderOutcome {
  /** The id stored in song_variations.external_id when the take was submitted. */
  externalId: string;
  state: OutcomeState;
  /** The provider's audio file (completed only); copied into our storage, never served as is. */
  audioUrl?: string;
  error?: string;
  /** Provider details worth keeping with the take (title, duration, model …). */
  params?: Record<string, unknown>;
}

export interface ProviderEvent {
  /** Unique per provider: a redelivery of the same event has the same key. */
  eventKey: string;
  outcomes: ProviderOutcome[];
}

/** A provider that answers by webhook: how its deliveries are verified and read. */
export interface WebhookProvider {
  name: string;
  scheme: WebhookScheme;
  /** Every secret currently accepted (the first one is given to the provider on submit). */
  secrets: string[];
  /** Throws WebhookPayloadError when the body is not an event of this provider. */
  parseEvent(body: unknown): ProviderEvent;
}

export class WebhookPayloadError extends Error {}
