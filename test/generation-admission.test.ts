// Admission of generation requests under pressure, workers off: credits never overdraw and never
// 5xx, one Idempotency-Key pays once, the free allowance is counted atomically.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { ensureWallet } from '../src/modules/credits/ensure-wallet.ts';
import { recordLedgerEntry } from '../src/modules/credits/record-ledger-entry.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { usingRealPostgres } from './helpers/test-database.ts';
import { signUp, type TestUser } from './helpers/users.ts';
import { GENERATION_QUEUE } from '../src/modules/generation/render-job.ts';

let t: TestApp;

before(async () => {
  t = await createTestApp({
    env: { CREDITS_WELCOME_GRANT: '100', CREDITS_COST_PER_TRACK: '10', GENERATION_FREE_MONTHLY_LIMIT: '0' },
  });
});
after(() => t.close());

async function ledger(userId: string) {
  const { rows } = await sql<{ balance: number; total: number; debits: number; songs: number; jobs: number }>`
    SELECT w.balance::int AS balance,
      COALESCE((SELECT SUM(amount) FROM transactions WHERE user_id = w.user_id), 0)::int AS total,
      (SELECT count(*) FROM transactions WHERE user_id = w.user_id AND amount < 0)::int AS debits,
      (SELECT count(*) FROM songs WHERE user_id = w.user_id)::int AS songs,
      (SELECT count(*) FROM jobs WHERE owner_id = w.user_id)::int AS jobs
    FROM wallets w WHERE w.user_id = ${userId}`.execute(t.ctx.database.db);
  return rows[0];
}

function generate(user: TestUser, body: Record<string, unknown>, headers?: Record<string, string>) {
  return t.request({ method: 'POST', url: '/api/generate', token: user.accessToken, body, headers });
}

test('concurrent requests on a wallet that affords 10: exactly 10 accepted, the rest 402, no 5xx', async () => {
  const user = await signUp(t);
  await ensureWallet(t.ctx.database.db, user.id, t.ctx.config.credits);
  const attempts = usingRealPostgres ? 500 : 40;
  const started = Date.now();
  const results = await Promise.all(
    Array.from({ length: attempts }, (_, i) => generate(user, { prompt: `song ${i}`, durationSeconds: 5 })),
  );
  const statuses = new Map<number, number>();
  for (const r of results) statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(statuses), { 202: 10, 402: attempts - 10 }, results.find((r) => r.statusCode >= 500)?.body);
  assert.ok(results.filter((r) => r.statusCode === 402).every((r) => r.json().error.code === 'insufficient_credits'));
  assert.deepEqual(await ledger(user.id), { balance: 0, total: 0, debits: 10, songs: 10, jobs: 10 });
  t.ctx.log.info({ attempts, ms: Date.now() - started }, 'contention');
});

test('one Idempotency-Key sent 50 times at once: one debit, identical responses; another body is 422', async () => {
  const user = await signUp(t);
  const body = { prompt: 'idempotent song', durationSeconds: 5, variations: 2, seed: 1 };
  const headers = { 'idempotency-key': 'key-1' };
  const results = await Promise.all(Array.from({ length: 50 }, () => generate(user, body, headers)));
  assert.ok(results.every((r) => r.statusCode === 202), results.map((r) => r.statusCode).join(','));
  assert.equal(new Set(results.map((r) => r.body)).size, 1);
  assert.equal(results.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 49);
  assert.deepEqual(await ledger(user.id), { balance: 80, total: 80, debits: 1, songs: 1, jobs: 1 });
  // Key order and defaults don't matter; a changed field does.
  const reordered = await generate(user, { seed: 1, variations: 2, durationSeconds: 5, prompt: 'idempotent song', task: 'text2music' }, headers);
  assert.equal(reordered.statusCode, 202);
  assert.equal(reordered.body, results[0].body);
  const changed = await generate(user, { ...body, prompt: 'another song' }, headers);
  assert.equal(changed.statusCode, 422);
  assert.equal(changed.json().error.code, 'unprocessable');
  // Keys are per user.
  const other = await signUp(t);
  const theirs = await generate(other, body, headers);
  assert.equal(theirs.statusCode, 202);
  assert.notEqual(theirs.json().song.id, results[0].json().song.id);
});

test('a refused request stores nothing under its key: a retry after a top-up goes through', async () => {
  const user = await signUp(t);
  const body = { prompt: 'too expensive', durationSeconds: 5, variations: 3 };
  const headers = { 'idempotency-key': 'pricey' };
  for (let i = 0; i < 3; i++) assert.equal((await generate(user, { ...body, prompt: `spend ${i}` })).statusCode, 202);
  const refused = await generate(user, body, headers);
  assert.equal(refused.statusCode, 402);
  assert.equal(refused.json().error.code, 'insufficient_credits');
  assert.deepEqual(await ledger(user.id), { balance: 10, total: 10, debits: 3, songs: 3, jobs: 3 });
  await recordLedgerEntry(t.ctx.database.db, { userId: user.id, amount: 20, reason: 'topup' });
  const retried = await generate(user, body, headers);
  assert.equal(retried.statusCode, 202, retried.body);
  assert.equal((await generate(user, body, headers)).body, retried.body);
  assert.deepEqual(await ledger(user.id), { balance: 0, total: 0, debits: 4, songs: 4, jobs: 4 });
});

test('free allowance: with a monthly limit of 2 the third request is refused and nothing is debited', async () => {
  const limited = await createTestApp({ env: { CREDITS_WELCOME_GRANT: '100', GENERATION_FREE_MONTHLY_LIMIT: '2' } });
  try {
    const user = await signUp(limited);
    const ask = (i: number) =>
      limited.request({ method: 'POST', url: '/api/generate', token: user.accessToken, body: { prompt: `free ${i}`, durationSeconds: 5 } });
    assert.equal((await ask(1)).statusCode, 202);
    assert.equal((await ask(2)).statusCode, 202);
    const third = await ask(3);
    assert.equal(third.statusCode, 402, third.body);
    assert.equal(third.json().error.code, 'payment_required');
    assert.equal(third.json().error.details.limit, 2);
    const { rows } = await sql<{ n: number; balance: number; used: number }>`
      SELECT (SELECT count(*) FROM transactions WHERE user_id = ${user.id} AND amount < 0)::int AS n,
             (SELECT balance FROM wallets WHERE user_id = ${user.id})::int AS balance,
             (SELECT used FROM generation_usage WHERE user_id = ${user.id} AND period <> 'lifetime')::int AS used`.execute(limited.ctx.database.db);
    assert.deepEqual(rows[0], { n: 2, balance: 80, used: 2 });
    // Racing for the last free generations: still exactly the limit.
    const racer = await signUp(limited);
    const race = await Promise.all(
      Array.from({ length: usingRealPostgres ? 50 : 10 }, (_, i) =>
        limited.request({ method: 'POST', url: '/api/generate', token: racer.accessToken, body: { prompt: `race ${i}`, durationSeconds: 5 } }),
      ),
    );
    assert.equal(race.filter((r) => r.statusCode === 202).length, 2);
    assert.ok(race.every((r) => r.statusCode === 202 || r.statusCode === 402));
    // A pro wallet is not limited.
    await sql`UPDATE wallets SET is_pro = true WHERE user_id = ${user.id}`.execute(limited.ctx.database.db);
    assert.equal((await ask(4)).statusCode, 202);
  } finally {
    await limited.close();
  }
});

test('an admitted job is the job pg-boss itself writes for its queue, with its public row', async () => {
  const user = await signUp(t);
  const res = await generate(user, { prompt: 'compare me', durationSeconds: 5 });
  assert.equal(res.statusCode, 202, res.body);
  const admitted = res.json().job.id as string;
  const db = t.ctx.database.db;
  const sent = await t.ctx.jobs.enqueue(db, GENERATION_QUEUE, { songId: res.json().song.id }, { ownerId: user.id });

  // Every column but the id and the clock readings, which pg-boss derives the same way.
  const { rows } = await sql<Record<string, unknown>>`
    SELECT to_jsonb(j) - ARRAY['id', 'created_on', 'start_after', 'keep_until'] AS columns,
      extract(epoch FROM keep_until - start_after)::int AS kept_for, start_after = created_on AS starts_at_once
    FROM pgboss.job j WHERE id IN (${admitted}::uuid, ${sent.id}::uuid) ORDER BY (id = ${admitted}::uuid)`.execute(db);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[1], rows[0]);
  assert.equal((rows[0].columns as { dead_letter: string }).dead_letter, `${GENERATION_QUEUE}.dead`);
  const [byAdmission, bySend] = await Promise.all([t.ctx.jobs.getJob(admitted), t.ctx.jobs.getJob(sent.id)]);
  const comparable = (job: typeof bySend) => ({ ...job, id: null, createdAt: null, updatedAt: null });
  assert.deepEqual(comparable(byAdmission), comparable(bySend));
  assert.equal(byAdmission?.ownerId, user.id);
});
