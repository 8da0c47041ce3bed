// Provider webhook verification and idempotency, byte for byte (requests injected with exact
// bodies). PiAPI is configured with the hmac-sha256 scheme here (timestamps, rotation); MusicGPT with
// its default, a secret in the webhook URL; the header scheme is covered in providers.test.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { signWebhook } from '../src/modules/generation/providers/sign-webhook.ts';
import { receiveProviderWebhook } from '../src/modules/generation/providers/receive-provider-webhook.ts';
import { insertSong, saveExternalIds } from './fixtures/providers/insert-song.ts';
import { createProviderTestApp, type ProviderTestApp } from './fixtures/providers/provider-test-app.ts';

const SECRET = 'current-signing-secret-abcdef0123456789';
const OLD_SECRET = 'previous-signing-secret-9876543210fedcba';
const MUSICGPT_TOKEN = 'musicgpt-url-token-0123456789abcdef';

let t: ProviderTestApp;

before(async () => {
  t = await createProviderTestApp({
    GENERATION_PROVIDERS: 'piapi,musicgpt',
    PIAPI_API_KEY: 'unused-piapi-key-0123456789',
    PIAPI_WEBHOOK_SECRET: `${SECRET},${OLD_SECRET}`,
    PIAPI_WEBHOOK_SCHEME: 'hmac-sha256',
    MUSICGPT_API_KEY: 'unused-musicgpt-key-0123456789',
    MUSICGPT_WEBHOOK_SECRET: MUSICGPT_TOKEN,
  });
});
after(() => t?.close());

const now = () => Math.floor(Date.now() / 1000);

function piapiEvent(taskId: string, status: string): string {
  return JSON.stringify({ timestamp: now(), data: { task_id: taskId, model: 'music-u', task_type: 'generate_music', status, output: null, error: { code: 0, message: '' } } });
}

function post(body: string, headers: Record<string, string> = {}, url = '/api/webhooks/providers/piapi') {
  return t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: body });
}

async function failures(provider: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_webhook_failures WHERE provider = ${provider}`.execute(t.ctx.database.db);
  return rows[0].n;
}

async function resultJobs(variationId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'generation.provider-result' AND data->>'variationId' = ${variationId}`.execute(t.ctx.database.db);
  return rows[0].n;
}

async function pendingTake(provider: string, externalId: string) {
  const song = await insertSong(t.ctx, { userId: null, engine: provider, takes: 1 });
  await saveExternalIds(t.ctx, song.variationIds, [externalId]);
  return { ...song, variationId: song.variationIds[0] };
}

test('a correctly signed event is accepted; one changed byte, no header or a short signature → 400 and a failure row', async () => {
  await pendingTake('piapi', 'piapi:task-sig:0');
  const body = piapiEvent('task-sig', 'processing');
  const ok = await post(body, { 'x-webhook-signature': signWebhook(SECRET, body) });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json(), { received: true, duplicate: false });

  const before = await failures('piapi');
  const tampered = body.replace('processing', 'processinG');
  const signature = signWebhook(SECRET, body);
  const cases = [
    await post(tampered, { 'x-webhook-signature': signature }),
    await post(body),
    await post(body, { 'x-webhook-signature': signature.slice(0, -2) }),
    await post(body, { 'x-webhook-signature': `t=${now()}` }),
    await post(body, { 'x-webhook-signature': 'garbage' }),
    await post(body, { 'x-webhook-signature': signWebhook('someone-elses-secret-000000000000', body) }),
  ];
  for (const res of cases) {
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, 'validation_failed');
  }
  assert.equal((await failures('piapi')) - before, cases.length);
});

test('timestamps: now−301 s is refused, now−299 s accepted; the previous secret still verifies during rotation', async () => {
  for (const id of ['task-old', 'task-recent', 'task-rotated', 'task-both']) await pendingTake('piapi', `piapi:${id}:0`);
  const old = piapiEvent('task-old', 'processing');
  assert.equal((await post(old, { 'x-webhook-signature': signWebhook(SECRET, old, now() - 301) })).statusCode, 400);
  const recent = piapiEvent('task-recent', 'processing');
  assert.equal((await post(recent, { 'x-webhook-signature': signWebhook(SECRET, recent, now() - 299) })).statusCode, 200);
  const rotated = piapiEvent('task-rotated', 'processing');
  assert.equal((await post(rotated, { 'x-webhook-signature': signWebhook(OLD_SECRET, rotated) })).statusCode, 200);
  // Several v1 values (one per secret, as a sender mid-rotation sends them): any match passes.
  const both = piapiEvent('task-both', 'processing');
  const t0 = now();
  const header = `${signWebhook('unknown-secret-00000000000000000', both, t0)},${signWebhook(SECRET, both, t0).split(',')[1]}`;
  assert.equal((await post(both, { 'x-webhook-signature': header })).statusCode, 200);
});

test('MusicGPT: the token in the webhook URL is required and compared exactly', async () => {
  await pendingTake('musicgpt', 'musicgpt:mg-conv');
  const body = JSON.stringify({ success: true, task_id: 'mg-task', conversion_id: 'mg-conv', status: 'IN_QUEUE' });
  const url = (token?: string) => `/api/webhooks/providers/musicgpt${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
  const before = await failures('musicgpt');
  assert.equal((await post(body, {}, url())).statusCode, 400);
  assert.equal((await post(body, {}, url(MUSICGPT_TOKEN.slice(1)))).statusCode, 400);
  assert.equal((await post(body, {}, url(`${MUSICGPT_TOKEN.slice(0, -1)}x`))).statusCode, 400);
  assert.equal((await failures('musicgpt')) - before, 3);
  assert.equal((await post(body, {}, url(MUSICGPT_TOKEN))).statusCode, 200);
});

test('unknown or disabled providers are 404; a verified body that is not an event is 400', async () => {
  assert.equal((await post('{}', {}, '/api/webhooks/providers/acestep')).statusCode, 404);
  assert.equal((await post('{}', {}, '/api/webhooks/providers/nobody')).statusCode, 404);
  const notJson = 'not json at all';
  assert.equal((await post(notJson, { 'x-webhook-signature': signWebhook(SECRET, notJson) })).statusCode, 400);
  const notEvent = JSON.stringify({ hello: 'world' });
  assert.equal((await post(notEvent, { 'x-webhook-signature': signWebhook(SECRET, notEvent) })).statusCode, 400);
});

test('the same completed event ×20 at once → all 2xx, one effect', async () => {
  const take = await pendingTake('piapi', 'piapi:task-burst:0');
  const body = JSON.stringify({
    timestamp: now(),
    data: { task_id: 'task-burst', status: 'completed', output: { songs: [{ id: 's1', song_path: 'http://127.0.0.1:9/a.mp3' }] }, error: { code: 0, message: '' } },
  });
  const header = signWebhook(SECRET, body);
  const replies = await Promise.all(Array.from({ length: 20 }, () => post(body, { 'x-webhook-signature': header })));
  assert.deepEqual([...new Set(replies.map((r) => r.statusCode))], [200]);
  assert.equal(replies.filter((r) => r.json().duplicate === false).length, 1);
  assert.equal(await resultJobs(take.variationId), 1);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_webhook_events WHERE provider = 'piapi' AND event_key = 'task-burst:completed'`.execute(t.ctx.database.db);
  assert.equal(rows[0].n, 1);
});

test('a crash after the effect and before the 2xx: the retry changes nothing', async () => {
  const take = await pendingTake('piapi', 'piapi:task-crash:0');
  const body = JSON.stringify({ timestamp: now(), data: { task_id: 'task-crash', status: 'failed', error: { code: 1, message: 'upstream' } } });
  const header = signWebhook(SECRET, body);
  // The effect commits, then the answer is lost (the provider sees no 2xx and retries).
  await receiveProviderWebhook(t.ctx, 'piapi', { headers: { 'x-webhook-signature': header }, query: {}, rawBody: Buffer.from(body) });
  assert.equal(await resultJobs(take.variationId), 1);
  const retry = await post(body, { 'x-webhook-signature': header });
  assert.equal(retry.statusCode, 200);
  assert.equal(retry.json().duplicate, true);
  assert.equal(await resultJobs(take.variationId), 1);
});

test('an event that arrives before its take ids are stored is refused with 409, unrecorded, and applies on the retry', async () => {
  const song = await insertSong(t.ctx, { userId: null, engine: 'piapi', takes: 1 });
  const body = JSON.stringify({ timestamp: now(), data: { task_id: 'task-early', status: 'failed', error: { code: 1, message: 'x' } } });
  const header = signWebhook(SECRET, body);
  const early = await post(body, { 'x-webhook-signature': header });
  assert.equal(early.statusCode, 409, early.body);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_webhook_events WHERE event_key = 'task-early:failed'`.execute(t.ctx.database.db);
  assert.equal(rows[0].n, 0);
  await saveExternalIds(t.ctx, song.variationIds, ['piapi:task-early:0']);
  const retry = await post(body, { 'x-webhook-signature': header });
  assert.equal(retry.statusCode, 200, retry.body);
  assert.equal(retry.json().duplicate, false);
  assert.equal(await resultJobs(song.variationIds[0]), 1);
});

test('events out of order never move a finished take back', async () => {
  const take = await pendingTake('piapi', 'piapi:task-order:0');
  await t.ctx.database.db.updateTable('song_variations').set({ status: 'completed' }).where('id', '=', take.variationId).execute();
  for (const status of ['processing', 'pending', 'failed']) {
    const body = piapiEvent('task-order', status);
    assert.equal((await post(body, { 'x-webhook-signature': signWebhook(SECRET, body) })).statusCode, 200);
  }
  const row = await t.ctx.database.db.selectFrom('song_variations').select('status').where('id', '=', take.variationId).executeTakeFirstOrThrow();
  assert.equal(row.status, 'completed');
  assert.equal(await resultJobs(take.variationId), 0);
  // A queued take does move forward on "processing".
  const waiting = await insertSong(t.ctx, { userId: null, engine: 'piapi', takes: 1 });
  await t.ctx.database.db.updateTable('song_variations').set({ external_id: 'piapi:task-fwd:0' }).where('id', '=', waiting.variationIds[0]).execute();
  const fwd = piapiEvent('task-fwd', 'processing');
  await post(fwd, { 'x-webhook-signature': signWebhook(SECRET, fwd) });
  const moved = await t.ctx.database.db.selectFrom('song_variations').select('status').where('id', '=', waiting.variationIds[0]).executeTakeFirstOrThrow();
  assert.equal(moved.status, 'generating');
});

test('the rest of the API still parses JSON normally', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":"x@example.com","password":"wrong password long"}' });
  assert.notEqual(res.statusCode, 415);
  assert.notEqual(res.json().error?.code, 'invalid_json');
});
