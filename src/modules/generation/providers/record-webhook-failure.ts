import type { AppContext } from '../../../app-context.ts';

/** Masks secrets a provider echoes in its payloads (PiAPI repeats the webhook secret). */
export function redactPayloadText(text: string): string {
  return text.replace(/("(?:secret|api_key|apiKey|token)"\s*:\s*)"(?:[^"\\]|\\.)*"/g, '$1"[redacted]"');
}

/**
 * Keeps a refused delivery for inspection. Never throws: a refused webhook answers 400 even when the
 * failures table can't be written.
 */
export async function recordWebhookFailure(ctx: AppContext, provider: string, reason: string, rawBody: Buffer): Promise<void> {
  try {
    await ctx.database.db
      .insertInto('provider_webhook_failures')
      .values({ provider: provider.slice(0, 64), reason: reason.slice(0, 500), body_excerpt: redactPayloadText(rawBody.toString('utf8', 0, 2000)).slice(0, 1000) })
      .execute();
  } catch (err) {
    ctx.log.warn({ err, provider }, 'could not record a refused provider webhook');
  }
  ctx.log.warn({ provider, reason }, 'provider webhook refused');
}
