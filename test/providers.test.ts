// Music providers end to end against local stand-ins that follow each provider's documented API:
// submit → the provider calls our webhook over HTTP → the audio is copied into our storage → the take
// is completed. Also: failures refund once, late events never move a finished take back, and the
// providers' keys never appear in a response or a log line.
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createUser } from '../src/modules/auth/create-user.ts';
import { getWallet } from '../src/modules/credits/get-wallet.ts';
import { getEngine } from '../src/modules/generation/engines/registry.ts';
import type { AsyncEngine, LocalEngine } from '../src/modules/generation/engines/types.ts';
import { startAcestepStandIn } from './fixtures/providers/acestep-stand-in.ts';
import { insertSong, saveExternalIds, waitFor } from './fixtures/providers/insert-song.ts';
import { startMusicgptStandIn, type MusicgptStandIn } from './fixtures/providers/musicgpt-stand-in.ts';
import { startPiapiStandIn, type PiapiStandIn } from './fixtures/providers/piapi-stand-in.ts';
import { createProviderTestApp, type ProviderTestApp } from './fixtures/providers/provider-test-app.ts';
import type { StandInServer } from './fixtures/providers/stand-in-server.ts';

const PIAPI_KEY = 'piapi-key-7f3c9a1b2d4e6f80-never-shown';
const MUSICGPT_KEY = 'musicgpt-key-0a9b8c7d6e5f4a3b-never-shown';
const ACESTEP_KEY = 'acestep-key-1122334455667788-never-shown';

let t: ProviderTestApp;
let piapi: PiapiStandIn;
let musicgpt: MusicgptStandIn;
let acestep: StandInServer;
let userId: string;

before(async () => {
  [piapi, musicgpt, acestep] = await Promise.all([startPiapiStandIn(PIAPI_KEY), startMusicgptStandIn(MUSICGPT_KEY), startAcestepStandIn(ACESTEP_KEY)]);
  t = await createProviderTestApp(
    {
      GENERATION_PROVIDERS: 'piapi,musicgpt,acestep',
      PIAPI_BASE_URL: piapi.url,
      PIAPI_API_KEY: PIAPI_KEY,
      PIAPI_WEBHOOK_SECRET: 'piapi-webhook-secret-0123456789',
      MUSICGPT_BASE_URL: musicgpt.url,
      MUSICGPT_API_KEY: MUSICGPT_KEY,
      MUSICGPT_WEBHOOK_SECRET: 'musicgpt-webhook-secret-0123456789',
      ACESTEP_BASE_URL: acestep.url,
      ACESTEP_API_KEY: ACESTEP_KEY,
      ACESTEP_POLL_INTERVAL_MS: '20',
    },
    { workers: true },
  );
  const user = await createUser(t.ctx, { email: 'providers@example.com', password: 'a password long enough', confirmed: true });
  userId = user.id;
  await getWallet(t.ctx, userId);
});
after(async () => {
  await t?.close();
  await Promise.all([piapi?.close(), musicgpt?.close(), acestep?.close()]);
});

const run = (provider: string) => ({
  webhookUrl: `${t.url}/api/webhooks/providers/${provider}`,
  signal: new AbortController().signal,
  log: async () => {},
});

async function takes(songId: string) {
  return t.ctx.database.db
    .selectFrom('song_variations')
    .select(['id', 'status', 'audio_key', 'external_id', 'error'])
    .where('song_id', '=', songId)
    .orderBy('position')
    .execute();
}

async function songStatus(songId: string) {
  return (await t.ctx.database.db.selectFrom('songs').select(['status', 'error']).where('id', '=', songId).executeTakeFirstOrThrow());
}

test('PiAPI: submit → webhook → audio copied into our storage → take completed; late events change nothing', async () => {
  const song = await insertSong(t.ctx, { userId, engine: 'piapi', takes: 2 });
  const engine = getEngine('piapi') as AsyncEngine;
  const submitted = await engine.submit(song.inputs, run('piapi'));
  assert.equal(submitted.externalIds.length, 2);
  const sent = piapi.requests.find((r) => r.path === '/api/v1/task');
  assert.equal(sent?.body.task_type, 'generate_music');
  assert.equal(sent?.body.input.gpt_description_prompt, 'warm synth pop about the sea');
  assert.equal(sent?.body.config.webhook_config.endpoint, run('piapi').webhookUrl);
  await saveExternalIds(t.ctx, song.variationIds, submitted.externalIds);
  const taskId = [...piapi.tasks.keys()][0];

  assert.equal((await piapi.deliver(taskId, 'processing')).status, 200);
  const done = await piapi.deliver(taskId, 'completed');
  assert.equal(done.status, 200, done.body);
  assert.deepEqual(JSON.parse(done.body), { received: true, duplicate: false });
  await waitFor(async () => (await songStatus(song.songId)).status === 'completed', 30_000, 'the song to complete');
  for (const take of await takes(song.songId)) {
    assert.equal(take.status, 'completed');
    assert.match(take.audio_key ?? '', new RegExp(`^music/${userId}/`));
    const stored = await t.ctx.storage.head(take.audio_key as string);
    assert.ok(stored && stored.size > 1000, 'the audio is in our storage');
  }
  // The provider redelivers and sends an old "processing": acknowledged, nothing moves.
  const again = await piapi.deliver(taskId, 'completed');
  assert.deepEqual(JSON.parse(again.body), { received: true, duplicate: true });
  assert.equal((await piapi.deliver(taskId, 'pending')).status, 200);
  assert.ok((await takes(song.songId)).every((v) => v.status === 'completed'));
  assert.equal((await songStatus(song.songId)).status, 'completed');
});

test('through the public API: POST /api/generate with engine piapi → the worker submits → webhook → GET /api/songs/:id is completed', async () => {
  const password = 'a password long enough';
  await createUser(t.ctx, { email: 'e2e-providers@example.com', password, confirmed: true });
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'e2e-providers@example.com', password } });
  const headers = { authorization: `Bearer ${login.json().accessToken}` };
  const before = new Set(piapi.tasks.keys());
  const generate = await t.app.inject({ method: 'POST', url: '/api/generate', headers, payload: { prompt: 'sea pop', durationSeconds: 10, variations: 2, engine: 'piapi' } });
  assert.equal(generate.statusCode, 202, generate.body);
  const songId = generate.json().song.id;
  const taskId = await waitFor(async () => [...piapi.tasks.keys()].find((id) => !before.has(id)), 20_000, 'the worker to submit');
  // The worker gave the provider our webhook route under PUBLIC_URL …
  const submittedEndpoint = new URL(piapi.tasks.get(taskId)!.config.webhook_config.endpoint);
  assert.equal(submittedEndpoint.origin, new URL(t.ctx.config.publicUrl).origin);
  assert.equal(submittedEndpoint.pathname, '/api/webhooks/providers/piapi');
  // … but PUBLIC_URL is not this test server's port: the stand-in calls the listening app instead.
  piapi.tasks.get(taskId)!.config.webhook_config.endpoint = `${t.url}/api/webhooks/providers/piapi`;
  await waitFor(async () => {
    const rows = await t.ctx.database.db.selectFrom('song_variations').select('external_id').where('song_id', '=', songId).execute();
    return rows.length === 2 && rows.every((r) => r.external_id);
  }, 20_000, 'the external ids to be stored');
  assert.equal((await piapi.deliver(taskId, 'completed')).status, 200);
  const song = await waitFor(async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/songs/${songId}`, headers });
    return res.json().status === 'completed' ? res : null;
  }, 30_000, 'the song to complete');
  assert.deepEqual(song.json().variations.map((v: { status: string }) => v.status), ['completed', 'completed']);
  for (const key of [PIAPI_KEY, 'piapi-webhook-secret-0123456789']) assert.ok(!song.body.includes(key));
});

test('MusicGPT: one conversion, two outputs → two completed takes', async () => {
  const song = await insertSong(t.ctx, { userId, engine: 'musicgpt', takes: 2 });
  const engine = getEngine('musicgpt') as AsyncEngine;
  const submitted = await engine.submit(song.inputs, run('musicgpt'));
  const [taskId, conversion] = [...musicgpt.tasks.entries()].at(-1)!;
  assert.deepEqual(submitted.externalIds, conversion.conversion_ids.map((id) => `musicgpt:${id}`));
  assert.match(conversion.webhook_url, /\/api\/webhooks\/providers\/musicgpt\?token=/);
  await saveExternalIds(t.ctx, song.variationIds, submitted.externalIds);
  const replies = await musicgpt.deliver(taskId);
  assert.deepEqual(replies.map((r) => r.status), [200, 200]);
  await waitFor(async () => (await songStatus(song.songId)).status === 'completed', 30_000, 'both takes');
  const [a, b] = await takes(song.songId);
  assert.ok(a.audio_key && b.audio_key && a.audio_key !== b.audio_key);
});

test('MusicGPT: both outputs in one delivery also complete both takes', async () => {
  const song = await insertSong(t.ctx, { userId, engine: 'musicgpt', takes: 2 });
  const submitted = await (getEngine('musicgpt') as AsyncEngine).submit(song.inputs, run('musicgpt'));
  await saveExternalIds(t.ctx, song.variationIds, submitted.externalIds);
  const taskId = [...musicgpt.tasks.keys()].at(-1)!;
  assert.deepEqual((await musicgpt.deliver(taskId, { combined: true })).map((r) => r.status), [200]);
  await waitFor(async () => (await songStatus(song.songId)).status === 'completed', 30_000, 'both takes');
});

test('a failed task fails the song with one refund, however often it is reported', async () => {
  const song = await insertSong(t.ctx, { userId, engine: 'piapi', takes: 2, cost: 10 });
  const submitted = await (getEngine('piapi') as AsyncEngine).submit(song.inputs, run('piapi'));
  await saveExternalIds(t.ctx, song.variationIds, submitted.externalIds);
  const taskId = [...piapi.tasks.keys()].at(-1)!;
  const replies = await Promise.all([1, 2, 3].map(() => piapi.deliver(taskId, 'failed')));
  assert.ok(replies.every((r) => r.status === 200));
  await waitFor(async () => (await songStatus(song.songId)).status === 'failed', 20_000, 'the song to fail');
  // Jobs may still be finishing: wait until every queued result has run, then count refunds.
  await waitFor(async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM jobs WHERE queue = 'generation.provider-result' AND status IN ('queued', 'running')`.execute(t.ctx.database.db);
    return rows[0].n === 0;
  });
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM transactions WHERE user_id = ${userId} AND reason = 'refund' AND idempotency_key = ${`refund:${song.songId}`}`.execute(t.ctx.database.db);
  assert.equal(rows[0].n, 1);
  // A "completed" arriving after the failure does not resurrect the song.
  await piapi.deliver(taskId, 'completed');
  assert.equal((await songStatus(song.songId)).status, 'failed');
});

test('ACE-Step: release_task → query_result → the take is downloaded into the work dir', async () => {
  const engine = getEngine('acestep') as LocalEngine;
  assert.equal(engine.kind, 'local');
  const song = await insertSong(t.ctx, { userId, engine: 'acestep', takes: 1 });
  const workDir = await mkdtemp(join(tmpdir(), 'acestep-'));
  try {
    const take = await engine.render(song.inputs[0], { workDir, signal: new AbortController().signal, log: async () => {}, progress: async () => {} });
    assert.equal(take.format, 'wav');
    assert.ok((await stat(take.filePath)).size > 1000);
    const release = acestep.requests.find((r) => r.path === '/release_task');
    assert.equal(release?.body.prompt, 'warm synth pop about the sea');
    assert.equal(release?.body.audio_duration, 30);
    assert.equal(release?.body.seed, 42);
    assert.equal(release?.headers.authorization, `Bearer ${ACESTEP_KEY}`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
});

test('ACE-Step through the public API: a generation with engine acestep completes', async () => {
  const password = 'a password long enough';
  await createUser(t.ctx, { email: 'e2e-acestep@example.com', password, confirmed: true });
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'e2e-acestep@example.com', password } });
  const headers = { authorization: `Bearer ${login.json().accessToken}` };
  const generate = await t.app.inject({ method: 'POST', url: '/api/generate', headers, payload: { prompt: 'lofi rain', durationSeconds: 10, variations: 1, engine: 'acestep' } });
  assert.equal(generate.statusCode, 202, generate.body);
  const song = await waitFor(async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/songs/${generate.json().song.id}`, headers });
    const body = res.json<{ status: string }>();
    return ['completed', 'failed'].includes(body.status) ? body : null;
  }, 30_000, 'the song to finish');
  assert.equal(song.status, 'completed', JSON.stringify(song));
});

test('provider keys never appear in a response, an error or a log line', async () => {
  // A wrong key makes the stand-in echo the key it got: the error we raise must not carry it.
  const { createPiapiEngine } = await import('../src/modules/generation/providers/piapi/piapi-engine.ts');
  const wrong = createPiapiEngine({ ...t.ctx.config.providers.piapi, apiKey: `${PIAPI_KEY}-typo` });
  const song = await insertSong(t.ctx, { userId, engine: 'piapi', takes: 1 });
  await assert.rejects(wrong.submit(song.inputs, run('piapi')), (err: Error) => {
    assert.match(err.message, /HTTP 401/);
    assert.ok(!err.message.includes(PIAPI_KEY), err.message);
    return true;
  });
  const responses = await Promise.all(
    ['/api/openapi.json', '/api/health'].map((url) => t.app.inject({ method: 'GET', url })),
  );
  const bad = await t.app.inject({ method: 'POST', url: '/api/webhooks/providers/piapi', headers: { 'content-type': 'application/json' }, payload: '{}' });
  assert.equal(bad.statusCode, 400);
  const secrets = [PIAPI_KEY, MUSICGPT_KEY, ACESTEP_KEY, 'piapi-webhook-secret-0123456789', 'musicgpt-webhook-secret-0123456789'];
  for (const body of [...responses.map((r) => r.body), bad.body]) for (const s of secrets) assert.ok(!body.includes(s), `a response contains ${s.slice(0, 6)}…`);
  const logText = t.logs.join('');
  assert.ok(logText.length > 0, 'logs were captured');
  for (const key of [PIAPI_KEY, MUSICGPT_KEY, ACESTEP_KEY]) assert.ok(!logText.includes(key), `a log line contains ${key.slice(0, 6)}…`);
  // Stored payloads keep no webhook secret either (PiAPI echoes it in every event).
  const { rows } = await sql<{ payload: string }>`SELECT payload::text AS payload FROM provider_webhook_events`.execute(t.ctx.database.db);
  assert.ok(rows.length > 0 && rows.every((r) => !r.payload.includes('piapi-webhook-secret-0123456789')));
  // Nor anything a user can read back: song errors, progress logs, job rows, stored take params.
  const { rows: stored } = await sql<{ text: string }>`
    SELECT concat_ws(' ',
      (SELECT string_agg(coalesce(error, '') || params::text, ' ') FROM songs),
      (SELECT string_agg(message, ' ') FROM generation_logs),
      (SELECT string_agg(coalesce(error, '') || coalesce(result::text, ''), ' ') FROM jobs),
      (SELECT string_agg(coalesce(plan::text, '') || coalesce(error, ''), ' ') FROM song_variations)) AS text`.execute(t.ctx.database.db);
  for (const key of [PIAPI_KEY, MUSICGPT_KEY, ACESTEP_KEY]) assert.ok(!stored[0].text.includes(key));
});
