// Failures of the render worker: an engine that always fails (retries, then one refund), a worker
// that dies mid-job (the next attempt finishes only what is missing: one debit, no refund), and the
// compensation itself run again and again (still one refund).
//
// The dying worker is emulated as in the jobs crash test: its queue runs over a database handle
// that starts failing every statement (killable()), and its handler never returns — what the
// database sees of a killed process. A second queue in this process is the surviving worker.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import type { AppContext } from '../src/app-context.ts';
import type { JobQueue, QueuePolicy } from '../src/jobs/index.ts';
import { completeVariation } from '../src/modules/generation/complete-variation.ts';
import { proceduralEngine } from '../src/modules/generation/engines/procedural-engine.ts';
import { registerEngine, unregisterEngine } from '../src/modules/generation/engines/registry.ts';
import type { LocalEngine } from '../src/modules/generation/engines/types.ts';
import { failGeneration } from '../src/modules/generation/fail-generation.ts';
import { registerGenerationJobs } from '../src/modules/generation/register-generation-jobs.ts';
import { GENERATION_QUEUE } from '../src/modules/generation/render-job.ts';
import { killable, testQueue, waitFor } from './fixtures/job-queue-support.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { signUp, type TestUser } from './helpers/users.ts';

// Shorter than production so the test runs in seconds: retries after ~1 s, a silent worker is
// declared dead after 10 s (pg-boss's minimum heartbeat).
const POLICY: Record<string, QueuePolicy> = {
  [GENERATION_QUEUE]: { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 300, heartbeatSeconds: 10 },
};

let t: TestApp;
let survivor: JobQueue;
const queues: JobQueue[] = [];
const calls = { failing: 0, crash: new Map<number, number>() };
let hangTake1 = false;

const failingEngine: LocalEngine = {
  name: 'test-failing',
  kind: 'local',
  async render() {
    calls.failing++;
    throw new Error(`synthesizer exploded (call ${calls.failing})`);
  },
};

let reachedTake1: () => void = () => {};
const crashEngine: LocalEngine = {
  name: 'test-crash',
  kind: 'local',
  async render(input, run) {
    calls.crash.set(input.position, (calls.crash.get(input.position) ?? 0) + 1);
    if (input.position === 1 && hangTake1) {
      hangTake1 = false;
      reachedTake1();
      await new Promise(() => {});
    }
    return proceduralEngine.render(input, run);
  },
};

before(async () => {
  t = await createTestApp({ env: { CREDITS_WELCOME_GRANT: '100', CREDITS_COST_PER_TRACK: '10' } });
  registerEngine(failingEngine);
  registerEngine(crashEngine);
  survivor = await testQueue(t.ctx.database, POLICY);
  queues.push(survivor);
  registerGenerationJobs({ ...t.ctx, jobs: survivor });
});
after(async () => {
  for (const q of queues) await q.stop({ graceful: false }).catch(() => {});
  unregisterEngine(failingEngine.name);
  unregisterEngine(crashEngine.name);
  await t.close();
});

async function money(userId: string) {
  const { rows } = await sql<{ balance: number; debits: number; refunds: number }>`
    SELECT (SELECT balance FROM wallets WHERE user_id = ${userId})::int AS balance,
      (SELECT count(*) FROM transactions WHERE user_id = ${userId} AND amount < 0)::int AS debits,
      (SELECT count(*) FROM transactions WHERE user_id = ${userId} AND reason = 'refund')::int AS refunds`.execute(t.ctx.database.db);
  return rows[0];
}

function song(id: string) {
  return t.ctx.database.db.selectFrom('songs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function generate(user: TestUser, body: Record<string, unknown>) {
  const res = await t.request({ method: 'POST', url: '/api/generate', token: user.accessToken, body });
  assert.equal(res.statusCode, 202, res.body);
  return res.json() as { song: { id: string }; job: { id: string } };
}

test('an engine failing on every attempt: retried, then the song fails with exactly one refund', async () => {
  await survivor.startWorkers();
  const user = await signUp(t);
  const { song: s, job } = await generate(user, { prompt: 'doomed', durationSeconds: 5, variations: 2, engine: 'test-failing' });
  assert.deepEqual(await money(user.id), { balance: 80, debits: 1, refunds: 0 });
  const failed = await waitFor('the song to fail', async () => {
    const row = await song(s.id);
    return row.status === 'failed' && row;
  }, 40_000);
  assert.match(failed.error ?? '', /synthesizer exploded/);
  assert.equal(calls.failing, 3, 'one attempt and two retries');
  const variations = await t.ctx.database.db.selectFrom('song_variations').select(['status', 'error']).where('song_id', '=', s.id).execute();
  assert.ok(variations.every((v) => v.status === 'failed' && v.error));
  await waitFor('the refund', async () => (await money(user.id)).refunds === 1);
  assert.deepEqual(await money(user.id), { balance: 100, debits: 1, refunds: 1 });
  const finalJob = await waitFor('the job to be failed', async () => {
    const j = await t.ctx.jobs.getJob(job.id);
    return j?.status === 'failed' && j;
  });
  assert.equal(finalJob.attempt, 3);
  // The compensation run again — a re-delivered dead letter, a provider's failure webhook — and at once.
  const again = await Promise.all(Array.from({ length: 10 }, () => failGeneration(t.ctx, s.id, 'again')));
  assert.ok(again.every((r) => !r.refunded));
  assert.deepEqual(await money(user.id), { balance: 100, debits: 1, refunds: 1 });
  const logs = await t.ctx.database.db.selectFrom('generation_logs').select('step').where('song_id', '=', s.id).execute();
  assert.ok(logs.some((l) => l.step === 'error') && logs.some((l) => l.step === 'failed'));
});

test('a worker dying mid-job: the next attempt renders only the missing take; one debit, no refund', async () => {
  const user = await signUp(t);
  const doomedDb = killable(t.ctx.database);
  const doomed = await testQueue(doomedDb, POLICY);
  queues.push(doomed);
  const doomedCtx: AppContext = { ...t.ctx, database: doomedDb, jobs: doomed };
  // Only the doomed worker may pick the job up first.
  await survivor.stop({ graceful: true });
  registerGenerationJobs(doomedCtx);
  const reached = new Promise<void>((resolve) => (reachedTake1 = resolve));
  hangTake1 = true;
  calls.crash.clear();
  const { song: s, job } = await generate(user, { prompt: 'chill lofi', durationSeconds: 5, variations: 2, engine: 'test-crash' });
  await doomed.startWorkers();
  await reached;
  doomedDb.kill();
  const half = await t.ctx.database.db.selectFrom('song_variations').select(['position', 'status']).where('song_id', '=', s.id).orderBy('position').execute();
  assert.equal(half[0].status, 'completed');
  assert.notEqual(half[1].status, 'completed');

  const revived = await testQueue(t.ctx.database, POLICY);
  queues.push(revived);
  registerGenerationJobs({ ...t.ctx, jobs: revived });
  await revived.startWorkers();
  const done = await waitFor('the song to complete on the surviving worker', async () => {
    const row = await song(s.id);
    return (row.status === 'completed' || row.status === 'failed') && row;
  }, 45_000);
  assert.equal(done.status, 'completed', done.error ?? '');
  assert.equal(calls.crash.get(0), 1, 'the finished take is not rendered again');
  assert.equal(calls.crash.get(1), 2);
  // The job row settles just after the handler returns.
  const j = await waitFor('the job to complete', async () => {
    const row = await t.ctx.jobs.getJob(job.id);
    return row?.status === 'completed' && row;
  });
  assert.equal(j?.attempt, 2);
  assert.deepEqual(await money(user.id), { balance: 80, debits: 1, refunds: 0 });
  // A stale completion of an already completed take changes nothing and leaves no objects behind.
  const take = await t.ctx.database.db.selectFrom('song_variations').select(['id', 'audio_key']).where('song_id', '=', s.id).where('position', '=', 0).executeTakeFirstOrThrow();
  const stale = await completeVariation(t.ctx, take.id, { filePath: '/nonexistent', format: 'wav', plan: null, lrc: null, params: {}, timings: {} });
  assert.equal(stale.applied, false);
  // Failing a completed song is refused: no refund for delivered work.
  assert.deepEqual(await failGeneration(t.ctx, s.id, 'late failure'), { failed: false, refunded: false });
  assert.equal((await song(s.id)).status, 'completed');
  assert.deepEqual(await money(user.id), { balance: 80, debits: 1, refunds: 0 });
});
