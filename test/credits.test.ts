// The credit ledger: welcome and daily grants, admin grants, and the guarantees the database itself
// keeps (balance = SUM(ledger), never negative, append-only) whatever the application does.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { createUser } from '../src/modules/auth/create-user.ts';
import { ensureWallet } from '../src/modules/credits/ensure-wallet.ts';
import { recordLedgerEntry } from '../src/modules/credits/record-ledger-entry.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { usingRealPostgres } from './helpers/test-database.ts';
import { createApiKey, signUp, type TestUser } from './helpers/users.ts';

let t: TestApp;
let admin: TestUser;

before(async () => {
  t = await createTestApp({ env: { CREDITS_WELCOME_GRANT: '100', CREDITS_DAILY_GRANT: '20' } });
  const password = 'admin password long enough';
  const created = await createUser(t.ctx, { email: 'admin@example.com', password, role: 'admin', confirmed: true });
  const login = await t.request({ method: 'POST', url: '/api/auth/login', body: { email: created.email, password } });
  assert.equal(login.statusCode, 200, login.body);
  const { accessToken, refreshToken } = login.json();
  admin = { id: created.id, email: created.email, password, accessToken, refreshToken };
});
after(() => t.close());

async function balanceAndSum(userId: string) {
  const { rows } = await sql<{ balance: number; total: number }>`
    SELECT w.balance, COALESCE((SELECT SUM(amount) FROM transactions WHERE user_id = w.user_id), 0)::int AS total
    FROM wallets w WHERE w.user_id = ${userId}`.execute(t.ctx.database.db);
  return rows[0];
}

test('a new user sees their welcome credits, once, by JWT and by API key', async () => {
  const user = await signUp(t);
  const first = await t.request({ method: 'GET', url: '/api/wallet', token: user.accessToken });
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json().balance, 100);
  assert.equal(first.json().isPro, false);
  const key = await createApiKey(t, user);
  const again = await t.request({ method: 'GET', url: '/api/wallet', apiKey: key });
  assert.equal(again.json().balance, 100);
  const ledger = await t.request({ method: 'GET', url: '/api/wallet/transactions', token: user.accessToken });
  assert.deepEqual(
    ledger.json().items.map((i: { amount: number; reason: string }) => [i.amount, i.reason]),
    [[100, 'welcome']],
  );
  assert.equal((await t.request({ method: 'GET', url: '/api/wallet' })).statusCode, 401);
});

test('a debit the balance cannot cover is refused with insufficient_credits and changes nothing', async () => {
  const user = await signUp(t);
  await t.request({ method: 'GET', url: '/api/wallet', token: user.accessToken });
  await assert.rejects(
    recordLedgerEntry(t.ctx.database.db, { userId: user.id, amount: -101, reason: 'generation' }),
    (err: { code?: string; status?: number }) => err.code === 'insufficient_credits' && err.status === 402,
  );
  assert.deepEqual(await balanceAndSum(user.id), { balance: 100, total: 100 });
});

test('an entry with an idempotency key applies once', async () => {
  const user = await signUp(t);
  await t.request({ method: 'GET', url: '/api/wallet', token: user.accessToken });
  const entry = { userId: user.id, amount: -10, reason: 'generation' as const, idempotencyKey: `job:${user.id}` };
  const [a, b] = await Promise.all([
    recordLedgerEntry(t.ctx.database.db, entry),
    recordLedgerEntry(t.ctx.database.db, entry),
  ]);
  assert.equal(a.id, b.id);
  assert.deepEqual([a.applied, b.applied].sort(), [false, true]);
  assert.deepEqual(await balanceAndSum(user.id), { balance: 90, total: 90 });
});

test('the database refuses to edit or delete ledger rows, or to set a balance directly', async () => {
  const user = await signUp(t);
  await t.request({ method: 'GET', url: '/api/wallet', token: user.accessToken });
  const db = t.ctx.database.db;
  await assert.rejects(sql`UPDATE transactions SET amount = 1000000 WHERE user_id = ${user.id}`.execute(db), /append-only/);
  await assert.rejects(sql`DELETE FROM transactions WHERE user_id = ${user.id}`.execute(db), /append-only/);
  await assert.rejects(sql`TRUNCATE transactions`.execute(db), /append-only/);
  await assert.rejects(sql`UPDATE wallets SET balance = 5000 WHERE user_id = ${user.id}`.execute(db), /only through the ledger/);
  await assert.rejects(sql`UPDATE wallets SET balance = -1 WHERE user_id = ${user.id}`.execute(db));
  // No session setting opens the balance: only the ledger's own trigger may move it.
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('backbeat.ledger_write', 'on', true)`.execute(trx);
      await sql`UPDATE wallets SET balance = 5000 WHERE user_id = ${user.id}`.execute(trx);
    }),
    /only through the ledger/,
  );
  assert.deepEqual(await balanceAndSum(user.id), { balance: 100, total: 100 });
});

test('one statement with many entries moves each wallet by its own sum; skipped entries move nothing', async () => {
  const [a, b] = [await signUp(t), await signUp(t)];
  const db = t.ctx.database.db;
  await t.request({ method: 'GET', url: '/api/wallet', token: a.accessToken });
  await t.request({ method: 'GET', url: '/api/wallet', token: b.accessToken });
  await sql`INSERT INTO transactions (user_id, amount, reason, idempotency_key) VALUES
    (${a.id}, 5, 'topup', ${`multi-a1-${a.id}`}), (${a.id}, -30, 'generation', ${`multi-a2-${a.id}`}), (${b.id}, 7, 'topup', ${`multi-b-${b.id}`})`.execute(db);
  assert.deepEqual(await balanceAndSum(a.id), { balance: 75, total: 75 });
  assert.deepEqual(await balanceAndSum(b.id), { balance: 107, total: 107 });
  await sql`INSERT INTO transactions (user_id, amount, reason, idempotency_key) VALUES
    (${a.id}, 5, 'topup', ${`multi-a1-${a.id}`}), (${b.id}, 1, 'topup', ${`multi-b2-${b.id}`})
    ON CONFLICT (idempotency_key) DO NOTHING`.execute(db);
  assert.deepEqual(await balanceAndSum(a.id), { balance: 75, total: 75 });
  assert.deepEqual(await balanceAndSum(b.id), { balance: 108, total: 108 });
  // Together they would overdraw a: the whole statement is refused.
  await assert.rejects(
    sql`INSERT INTO transactions (user_id, amount, reason) VALUES (${a.id}, -50, 'generation'), (${a.id}, -50, 'generation')`.execute(db),
    (err: { constraint?: string }) => err.constraint === 'wallets_balance_not_negative',
  );
  assert.deepEqual(await balanceAndSum(a.id), { balance: 75, total: 75 });
});

test('a wallet and its welcome grant are created together or not at all', async () => {
  const user = await t.ctx.database.db
    .insertInto('users')
    .values({ email: `no-wallet-${Date.now()}@example.com`, password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A grant the ledger refuses (too large for an entry) must not leave a wallet behind.
  await assert.rejects(ensureWallet(t.ctx.database.db, user.id, { ...t.ctx.config.credits, welcomeGrant: 2 ** 31 }), /out of range/);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM wallets WHERE user_id = ${user.id}`.execute(t.ctx.database.db);
  assert.equal(rows[0].n, 0);
  await ensureWallet(t.ctx.database.db, user.id, t.ctx.config.credits);
  assert.deepEqual(await balanceAndSum(user.id), { balance: 100, total: 100 });
});

test('deleting a user removes their wallet and ledger with them', async () => {
  const user = await signUp(t);
  await t.request({ method: 'GET', url: '/api/wallet', token: user.accessToken });
  await sql`DELETE FROM users WHERE id = ${user.id}`.execute(t.ctx.database.db);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM transactions WHERE user_id = ${user.id}`.execute(
    t.ctx.database.db,
  );
  assert.equal(rows[0].n, 0);
});

test('concurrent debits never overdraw: exactly balance/cost succeed, the rest are 402', async () => {
  const user = await signUp(t);
  await t.request({ method: 'GET', url: '/api/wallet', token: user.accessToken });
  const attempts = usingRealPostgres ? 500 : 40;
  const results = await Promise.allSettled(
    Array.from({ length: attempts }, (_, i) =>
      recordLedgerEntry(t.ctx.database.db, { userId: user.id, amount: -10, reason: 'generation', idempotencyKey: `c:${user.id}:${i}` }),
    ),
  );
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  const refused = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'insufficient_credits');
  assert.equal(ok, 10);
  assert.equal(refused.length, attempts - 10);
  assert.deepEqual(await balanceAndSum(user.id), { balance: 0, total: 0 });
});

test('a free wallet is topped up to the daily allowance once per day, not accumulated', async () => {
  const user = await signUp(t);
  const db = t.ctx.database.db;
  await t.request({ method: 'GET', url: '/api/wallet', token: user.accessToken });
  await recordLedgerEntry(db, { userId: user.id, amount: -95, reason: 'generation' });
  await sql`UPDATE wallets SET next_refill_at = now() - interval '1 minute' WHERE user_id = ${user.id}`.execute(db);
  const refilled = await t.request({ method: 'GET', url: '/api/wallet', token: user.accessToken });
  assert.equal(refilled.json().balance, 20);
  assert.ok(new Date(refilled.json().nextRefillAt) > new Date());
  const same = await t.request({ method: 'GET', url: '/api/wallet', token: user.accessToken });
  assert.equal(same.json().balance, 20);
  // A balance already above the allowance is left alone, and the day is still used up.
  await sql`UPDATE wallets SET next_refill_at = now() - interval '1 minute' WHERE user_id = ${user.id}`.execute(db);
  await recordLedgerEntry(db, { userId: user.id, amount: 50, reason: 'topup' });
  const high = await t.request({ method: 'GET', url: '/api/wallet', token: user.accessToken });
  assert.equal(high.json().balance, 70);
  assert.deepEqual(await balanceAndSum(user.id), { balance: 70, total: 70 });
});

test('admins grant and correct credits; others cannot', async () => {
  const user = await signUp(t);
  const url = `/api/admin/wallets/${user.id}/grant`;
  const denied = await t.request({ method: 'POST', url, token: user.accessToken, body: { amount: 1000 } });
  assert.equal(denied.statusCode, 403);
  const granted = await t.request({
    method: 'POST',
    url,
    token: admin.accessToken,
    body: { amount: 50, note: 'support ticket', idempotencyKey: 'ticket-1' },
  });
  assert.equal(granted.statusCode, 200, granted.body);
  assert.equal(granted.json().balance, 150);
  const replay = await t.request({ method: 'POST', url, token: admin.accessToken, body: { amount: 50, idempotencyKey: 'ticket-1' } });
  assert.equal(replay.json().applied, false);
  assert.equal(replay.json().balance, 150);
  const overdraw = await t.request({ method: 'POST', url, token: admin.accessToken, body: { amount: -151 } });
  assert.equal(overdraw.statusCode, 402);
  const zero = await t.request({ method: 'POST', url, token: admin.accessToken, body: { amount: 0 } });
  assert.equal(zero.statusCode, 400);
  assert.equal(zero.json().error.details.field, 'amount');
  const missing = await t.request({
    method: 'POST',
    url: '/api/admin/wallets/00000000-0000-4000-8000-000000000000/grant',
    token: admin.accessToken,
    body: { amount: 5 },
  });
  assert.equal(missing.statusCode, 404);
});

test('the ledger pages newest first without losing rows created in the same millisecond', async () => {
  const user = await signUp(t);
  const db = t.ctx.database.db;
  await t.request({ method: 'GET', url: '/api/wallet', token: user.accessToken });
  // Five entries whose timestamps differ only below the millisecond.
  for (let i = 1; i <= 5; i++) {
    await sql`INSERT INTO transactions (user_id, amount, reason, created_at)
      VALUES (${user.id}, ${i}, 'topup', '2030-01-01T00:00:00.123000Z'::timestamptz + ${`${i * 100} microseconds`}::interval)`.execute(db);
  }
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { amount: number }[]; nextCursor: string | null } = (
      await t.request({
        method: 'GET',
        url: `/api/wallet/transactions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        token: user.accessToken,
      })
    ).json();
    seen.push(...page.items.map((i) => i.amount));
    cursor = page.nextCursor;
  } while (cursor);
  assert.deepEqual(seen, [5, 4, 3, 2, 1, 100]);
  const bad = await t.request({ method: 'GET', url: '/api/wallet/transactions?cursor=nonsense', token: user.accessToken });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.details.field, 'cursor');
});
