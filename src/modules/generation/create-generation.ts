// Admission of a generation request: the idempotency record, the parent check, the song and its
// takes, the job, the free-tier allowance and the debit, all in the database's admit_generations()
// (migration 0006) as one atomic step. A refusal at any step undoes all of it, and a committed
// request always has its job and its payment. Concurrent requests share one call and one commit
// (src/lib/batcher.ts), each still standing alone.
import { randomInt, randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import { createBatcher, type Batcher } from '../../lib/batcher.ts';
import { ensureWallet } from '../credits/ensure-wallet.ts';
import { admitGenerations, type AdmissionItem, type AdmissionOutcome, type AdmissionPolicy, type AdmissionRefusal } from './admit-generations.ts';
import { getEngine } from './engines/registry.ts';
import type { GenerationAccepted, GenerationRequest } from './generation-request.ts';
import { GENERATION_QUEUE } from './render-job.ts';
import { requestHash } from './request-hash.ts';

export interface CreateGenerationInput {
  userId: string;
  request: GenerationRequest;
  idempotencyKey?: string;
}

export interface CreateGenerationResult {
  statusCode: number;
  body: GenerationAccepted;
  /** True when this answer is the stored first response to the same Idempotency-Key. */
  replayed: boolean;
}

/** Batches in flight per process, and requests per batch: two calls keep both a database's cores and its commits busy. */
const ADMISSION_BATCHING = { maxInFlight: 2, maxBatchSize: 64 };

const batchers = new WeakMap<AppContext, Batcher<AdmissionItem, AdmissionOutcome>>();

/** Checks that need no database: which fields a task requires or forbids. */
function checkShape(request: GenerationRequest): void {
  if (request.task !== 'text2music' && !request.parentSongId) badField('parentSongId', `is required for task ${request.task}`);
  if (request.task === 'text2music' && request.parentSongId) badField('parentSongId', 'is only for retake, repaint, extend and remix');
  if (request.task === 'repaint' && !request.region) badField('region', 'is required for task repaint');
  if (request.task !== 'repaint' && request.region) badField('region', 'is only for task repaint');
  if (request.region && request.region.end <= request.region.start) badField('region.end', 'must be greater than region.start');
}

function badField(field: string, message: string): never {
  throw badRequest(field, message);
}

function defaultTitle(prompt: string): string {
  const words = prompt.replace(/\s+/g, ' ').trim();
  return words.length <= 60 ? words : `${words.slice(0, 59).replace(/\s+\S*$/, '')}…`;
}

function admissionPolicy(ctx: AppContext, now = new Date()): AdmissionPolicy {
  return {
    queue: GENERATION_QUEUE,
    lifetime_limit: ctx.config.generation.freeLifetimeLimit,
    monthly_limit: ctx.config.generation.freeMonthlyLimit,
    month: now.toISOString().slice(0, 7),
  };
}

function batcherOf(ctx: AppContext): Batcher<AdmissionItem, AdmissionOutcome> {
  let batcher = batchers.get(ctx);
  if (!batcher) {
    batcher = createBatcher((items) => admitGenerations(ctx.database.db, items, admissionPolicy(ctx)), ADMISSION_BATCHING);
    batchers.set(ctx, batcher);
  }
  return batcher;
}

/**
 * A request with an Idempotency-Key runs alone: its claim may wait on a concurrent request with the
 * same key, and a batch must not hold other users' locks while it waits.
 */
async function admit(ctx: AppContext, item: AdmissionItem): Promise<AdmissionOutcome> {
  if (item.idempotency_key) return (await admitGenerations(ctx.database.db, [item], admissionPolicy(ctx)))[0];
  return batcherOf(ctx).submit(item);
}

function refusalError(refusal: AdmissionRefusal, cost: number): Error {
  switch (refusal.code) {
    case 'idempotency_mismatch':
      return new AppError('unprocessable', 'Idempotency-Key was already used with a different request body', { header: 'Idempotency-Key' });
    case 'parent_not_found':
      return notFound('Parent song');
    case 'parent_not_completed':
      return new AppError('conflict', `parentSongId: the parent song is ${refusal.status}, not completed`, { field: 'parentSongId', status: refusal.status });
    case 'region_outside_parent':
      return badRequest('region.end', `must lie within the parent song (${refusal.seconds.toFixed(2)} s)`);
    case 'allowance_used':
      return refusal.period === 'lifetime'
        ? new AppError('payment_required', `The free plan includes ${refusal.limit} generations; upgrade to generate more`, { period: 'lifetime', limit: refusal.limit })
        : new AppError('payment_required', `The free plan includes ${refusal.limit} generations a month; upgrade or wait for next month`, {
            period: refusal.period,
            limit: refusal.limit,
          });
    case 'insufficient_credits':
      return new AppError('insufficient_credits', `Not enough credits: this needs ${cost}`, { required: cost });
    case 'no_wallet':
      return new Error('admission found no wallet right after creating it');
  }
}

export async function createGeneration(ctx: AppContext, input: CreateGenerationInput): Promise<CreateGenerationResult> {
  const { userId, request, idempotencyKey } = input;
  checkShape(request);
  const engine = getEngine(request.engine, ctx.config.generation.engine);
  const item: AdmissionItem = {
    user_id: userId,
    song_id: randomUUID(),
    job_id: randomUUID(),
    parent_id: request.parentSongId ?? null,
    ...(request.region ? { region_end: request.region.end } : {}),
    task: request.task,
    engine: engine.name,
    title: request.title ?? defaultTitle(request.prompt),
    prompt: request.prompt,
    lyrics: request.lyrics?.trim() ? request.lyrics : null,
    duration_seconds: request.durationSeconds,
    seed: request.seed ?? randomInt(0, 0x1_0000_0000),
    params: { variations: request.variations, region: request.region ?? null },
    variations: request.variations,
    cost: ctx.config.credits.costPerTrack * request.variations,
    reason: request.task === 'remix' ? 'remix' : 'generation',
    ...(idempotencyKey ? { idempotency_key: idempotencyKey, request_hash: requestHash(request) } : {}),
  };

  let outcome = await admit(ctx, item);
  if (outcome.outcome === 'refused' && outcome.code === 'no_wallet') {
    // A user's first request: create the wallet (with its welcome grant), then admit again.
    await ensureWallet(ctx.database.db, userId, ctx.config.credits);
    outcome = await admit(ctx, item);
  }
  if (outcome.outcome === 'refused') throw refusalError(outcome, item.cost);
  if (outcome.outcome === 'replay') {
    return { statusCode: outcome.status_code, body: outcome.response as GenerationAccepted, replayed: true };
  }
  return { statusCode: 202, body: { song: { id: item.song_id }, job: { id: item.job_id, status: 'queued' } }, replayed: false };
}
