// Admission of a generation request. Everything happens in one transaction: the idempotency record,
// the parent check, the song and its takes, the job, the free-tier allowance and the debit. A refusal
// at any step rolls all of it back, and a committed request always has its job and its payment.
import { randomInt, randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import { ensureWallet } from '../credits/ensure-wallet.ts';
import type { Executor } from '../../db/executor.ts';
import { getEngine } from './engines/registry.ts';
import type { GenerationAccepted, GenerationRequest } from './generation-request.ts';
import { GENERATION_QUEUE, type RenderJobData } from './render-job.ts';
import { insertPaidSong } from './insert-paid-song.ts';
import { requestHash } from './request-hash.ts';
import { reserveAllowance } from './reserve-allowance.ts';

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

async function checkParent(trx: Executor, userId: string, request: GenerationRequest): Promise<void> {
  if (!request.parentSongId) return;
  const parent = await trx
    .selectFrom('songs')
    .leftJoin('song_variations as v', (j) => j.onRef('v.song_id', '=', 'songs.id').on('v.position', '=', 0))
    .select(['songs.status', 'songs.duration_seconds', 'v.duration_seconds as take_seconds'])
    .where('songs.id', '=', request.parentSongId)
    .where('songs.user_id', '=', userId)
    .executeTakeFirst();
  if (!parent) throw notFound('Parent song');
  if (parent.status !== 'completed') {
    throw new AppError('conflict', `parentSongId: the parent song is ${parent.status}, not completed`, { field: 'parentSongId', status: parent.status });
  }
  const length = parent.take_seconds ?? parent.duration_seconds;
  if (request.region && request.region.end > length + 1e-6) {
    throw badRequest('region.end', `must lie within the parent song (${length.toFixed(2)} s)`);
  }
}

/** Whether the wallet is pro; creates it (with its welcome grant) on a user's first request. */
async function walletIsPro(trx: Executor, userId: string, policy: AppContext['config']['credits']): Promise<boolean> {
  const find = () => trx.selectFrom('wallets').select('is_pro').where('user_id', '=', userId).executeTakeFirst();
  const wallet = await find();
  if (wallet) return wallet.is_pro;
  await ensureWallet(trx, userId, policy);
  return (await find())!.is_pro;
}

/** Claims the idempotency key, or returns the stored answer of the request that claimed it first. */
async function claimKey(trx: Executor, userId: string, key: string, hash: string): Promise<CreateGenerationResult | null> {
  // A concurrent request with the same key blocks on this insert until the first one commits (then
  // it replays its answer) or rolls back (then it proceeds as the first).
  const claimed = await trx
    .insertInto('generation_requests')
    .values({ user_id: userId, idempotency_key: key, request_hash: hash, status_code: 0, response: '{}' })
    .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
    .returning('status_code')
    .executeTakeFirst();
  if (claimed) return null;
  const stored = await trx
    .selectFrom('generation_requests')
    .select(['request_hash', 'status_code', 'response'])
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
  if (stored.request_hash !== hash) {
    throw new AppError('unprocessable', 'Idempotency-Key was already used with a different request body', { header: 'Idempotency-Key' });
  }
  return { statusCode: stored.status_code, body: stored.response as GenerationAccepted, replayed: true };
}

export async function createGeneration(ctx: AppContext, input: CreateGenerationInput): Promise<CreateGenerationResult> {
  const { userId, request, idempotencyKey } = input;
  checkShape(request);
  const engine = getEngine(request.engine, ctx.config.generation.engine);
  const hash = idempotencyKey ? requestHash(request) : '';
  const songId = randomUUID();
  const seed = request.seed ?? randomInt(0, 0x1_0000_0000);
  const cost = ctx.config.credits.costPerTrack * request.variations;

  return ctx.database.db.transaction().execute(async (trx) => {
    if (idempotencyKey) {
      const replay = await claimKey(trx, userId, idempotencyKey, hash);
      if (replay) return replay;
    }
    await checkParent(trx, userId, request);
    const limits = { lifetime: ctx.config.generation.freeLifetimeLimit, monthly: ctx.config.generation.freeMonthlyLimit };
    // The contended rows (the user's usage counters, then the wallet) come last, in this fixed order:
    // their locks are held only until commit, and no two admissions can wait on each other in a cycle.
    if ((limits.lifetime > 0 || limits.monthly > 0) && !(await walletIsPro(trx, userId, ctx.config.credits))) {
      await reserveAllowance(trx, userId, limits);
    }
    const data: RenderJobData = { songId };
    const job = await ctx.jobs.enqueue(trx, GENERATION_QUEUE, data, { ownerId: userId });
    const song = {
      id: songId,
      userId,
      parentId: request.parentSongId ?? null,
      task: request.task,
      engine: engine.name,
      title: request.title ?? defaultTitle(request.prompt),
      prompt: request.prompt,
      lyrics: request.lyrics?.trim() ? request.lyrics : null,
      durationSeconds: request.durationSeconds,
      seed,
      params: { variations: request.variations, region: request.region ?? null },
      variations: request.variations,
      cost,
      jobId: job.id,
      reason: request.task === 'remix' ? ('remix' as const) : ('generation' as const),
    };
    if (!(await insertPaidSong(trx, song))) {
      // A user's first request: create the wallet (with its welcome grant), then pay.
      await ensureWallet(trx, userId, ctx.config.credits);
      if (!(await insertPaidSong(trx, song))) throw new Error(`wallet of ${userId} missing after ensureWallet`);
    }

    const body: GenerationAccepted = { song: { id: songId }, job: { id: job.id, status: 'queued' } };
    if (idempotencyKey) {
      await trx
        .updateTable('generation_requests')
        .set({ status_code: 202, response: JSON.stringify(body) })
        .where('user_id', '=', userId)
        .where('idempotency_key', '=', idempotencyKey)
        .execute();
    }
    return { statusCode: 202, body, replayed: false };
  });
}
