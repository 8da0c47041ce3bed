/** Applies a provider's result to a take: copies the audio into storage, or fails the song. */
export const PROVIDER_RESULT_QUEUE = 'generation.provider-result';

export type ProviderResultJob =
  | { action: 'complete'; provider: string; songId: string; variationId: string; audioUrl: string; params: Record<string, unknown> }
  | { action: 'fail'; provider: string; songId: string; variationId: string; error: string };
