// A provider's webhook delivery, from raw bytes to effect. Verified before anything is parsed;
// recorded by its event key in the same transaction as the jobs it causes, so a redelivery (or 20 at
// once, or a retry after we crashed before answering) finds the key taken and changes nothing. The
// slow part — fetching the audio — runs in a job, so the provider gets its 2xx at once.
import { sql } from 'kysely';
import type { AppContext } from '../../../app-context.ts';
import { AppError, notFound } from '../../../errors.ts';
import type { Executor } from '../../../db/executor.ts';
import { PROVIDER_RESULT_QUEUE, type ProviderResultJob } from './queue.ts';
import { recordWebhookFailure, redactPayloadText } from './record-webhook-failure.ts';
import { WebhookPayloadError, type ProviderOutcome, type WebhookProvider } from './types.ts';
import { verifyWebhook, type WebhookDelivery } from './verify-webhook.ts';
import { getWebhookProvider } from './webhook-providers.ts';

export interface WebhookReceipt {
  duplicate: boolean;
  /** Takes this event changed or queued work for. */
  applied: number;
}

function refused(): AppError {
  // The reason stays in the failures table: a caller probing signatures learns nothing from it.
  return new AppError('validation_failed', 'signature: the webhook could not be verified', { field: 'signature' });
}

export async function receiveProviderWebhook(ctx: AppContext, name: string, delivery: WebhookDelivery): Promise<WebhookReceipt> {
  const provider = getWebhookProvider(ctx.config, name);
  if (!provider) throw notFound('Webhook provider');
  const reason = verifyWebhook(delivery, {
    scheme: provider.scheme,
    secrets: provider.secrets,
    toleranceSeconds: ctx.config.providers.webhookToleranceSeconds,
  });
  if (reason) {
    await recordWebhookFailure(ctx, name, reason, delivery.rawBody);
    throw refused();
  }
  let body: unknown;
  let event;
  try {
    body = JSON.parse(delivery.rawBody.toString('utf8'));
    event = provider.parseEvent(body);
  } catch (err) {
    const why = err instanceof WebhookPayloadError ? err.message : 'body is not JSON';
    await recordWebhookFailure(ctx, name, why, delivery.rawBody);
    throw new AppError('validation_failed', `body: ${why}`, { field: 'body' });
  }
  const { eventKey, outcomes } = event;
  return ctx.database.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('provider_webhook_events')
      .values({ provider: name, event_key: eventKey.slice(0, 500), payload: redactPayloadText(JSON.stringify(body)) })
      .onConflict((oc) => oc.columns(['provider', 'event_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return { duplicate: true, applied: 0 };
    let applied = 0;
    let known = 0;
    for (const outcome of outcomes) {
      const result = await applyOutcome(ctx, trx, provider, outcome);
      if (result !== 'unknown') known++;
      if (result === 'applied') applied++;
    }
    // A fast provider can call back before the worker has stored the ids its submit returned. Such
    // an event is not recorded (the rollback frees its key) and the provider is asked to retry.
    if (outcomes.length > 0 && known === 0) {
      throw new AppError('conflict', 'the webhook names no known take yet; retry later', { provider: name });
    }
    await trx.updateTable('provider_webhook_events').set({ processed_at: sql`now()` }).where('id', '=', inserted.id).execute();
    return { duplicate: false, applied };
  });
}

async function applyOutcome(
  ctx: AppContext,
  trx: Executor,
  provider: WebhookProvider,
  outcome: ProviderOutcome,
): Promise<'unknown' | 'ignored' | 'applied'> {
  const take = await trx
    .selectFrom('song_variations as v')
    .innerJoin('songs as s', 's.id', 'v.song_id')
    .select(['v.id', 'v.song_id', 'v.status', 's.status as song_status'])
    .where('v.external_id', '=', outcome.externalId)
    .executeTakeFirst();
  if (!take) {
    ctx.log.warn({ provider: provider.name, externalId: outcome.externalId }, 'provider webhook names an unknown take');
    return 'unknown';
  }
  // Finished takes and songs stay finished whatever arrives late or out of order.
  if (take.status === 'completed' || take.status === 'failed' || take.song_status === 'completed' || take.song_status === 'failed') return 'ignored';
  if (outcome.state === 'processing') {
    const moved = await trx.updateTable('song_variations').set({ status: 'generating' }).where('id', '=', take.id).where('status', '=', 'queued').executeTakeFirst();
    return Number(moved.numUpdatedRows) > 0 ? 'applied' : 'ignored';
  }
  const base = { provider: provider.name, songId: take.song_id, variationId: take.id };
  const job: ProviderResultJob =
    outcome.state === 'completed'
      ? { ...base, action: 'complete', audioUrl: outcome.audioUrl as string, params: outcome.params ?? {} }
      : { ...base, action: 'fail', error: outcome.error ?? 'the provider reported a failure' };
  await ctx.jobs.enqueue(trx, PROVIDER_RESULT_QUEUE, job);
  return 'applied';
}
