// Music generation end to end over HTTP: admission (credits, idempotency, validation, allowance), the
// render worker with the built-in engine, mastering, storage, the NDJSON stream and playback.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { openAudioFile } from '../src/audio/decode/index.ts';
import { analyzeAudio } from '../src/audio/loudness/analyze.ts';
import { ensureWallet } from '../src/modules/credits/ensure-wallet.ts';
import { completeVariation } from '../src/modules/generation/complete-variation.ts';
import { proceduralEngine } from '../src/modules/generation/engines/procedural-engine.ts';
import { registerEngine, unregisterEngine } from '../src/modules/generation/engines/registry.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { signUp, type TestUser } from './helpers/users.ts';

let t: TestApp;
const scratch = mkdtempSync(join(tmpdir(), 'backbeat-gen-test-'));

before(async () => {
  t = await createTestApp({ workers: true, env: { CREDITS_WELCOME_GRANT: '100', CREDITS_COST_PER_TRACK: '10' } });
});
after(async () => {
  await t.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function balanceAndSum(userId: string) {
  const { rows } = await sql<{ balance: number; total: number }>`
    SELECT w.balance::int AS balance, COALESCE((SELECT SUM(amount) FROM transactions WHERE user_id = w.user_id), 0)::int AS total
    FROM wallets w WHERE w.user_id = ${userId}`.execute(t.ctx.database.db);
  return rows[0];
}

function generate(user: TestUser, body: Record<string, unknown>, headers?: Record<string, string>) {
  return t.request({ method: 'POST', url: '/api/generate', token: user.accessToken, body, headers });
}

/** Reads the NDJSON stream to its end (inject buffers it: the stream ends with the result line). */
async function follow(user: TestUser, jobId: string) {
  const res = await t.request({ method: 'GET', url: `/api/generate/${jobId}/stream`, token: user.accessToken });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /application\/x-ndjson/);
  return res.body.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

let completed: { user: TestUser; songId: string; duration: number };

test('core path: generate 2 takes → debit → worker → mastered audio stored → streamed result → playback', async () => {
  const user = await signUp(t);
  await ensureWallet(t.ctx.database.db, user.id, t.ctx.config.credits);
  assert.deepEqual(await balanceAndSum(user.id), { balance: 100, total: 100 });
  const lyrics = '[Verse]\nWalking down the road tonight\nStars are shining very bright\n\n[Chorus]\nSing it loud and sing it clear\nMusic for the ones we hold dear';
  const res = await generate(user, { prompt: 'upbeat pop with piano, 120 bpm', lyrics, task: 'text2music', durationSeconds: 10, variations: 2, seed: 7 });
  assert.equal(res.statusCode, 202, res.body);
  const { song, job } = res.json();
  assert.equal(job.status, 'queued');
  assert.deepEqual(await balanceAndSum(user.id), { balance: 80, total: 80 });
  const streak = await t.request({ method: 'GET', url: '/api/me/streak', token: user.accessToken });
  assert.equal(streak.json().currentStreak, 1, 'generating counts toward the daily streak');

  const lines = await follow(user, job.id);
  const last = lines.at(-1);
  assert.equal(last.type, 'result', JSON.stringify(lines));
  assert.ok(lines.some((l) => l.type === 'log' && l.step === 'render'));
  const data = last.data;
  assert.equal(data.id, song.id);
  assert.equal(data.status, 'completed');
  assert.equal(data.variations.length, 2);

  const rows = await t.ctx.database.db.selectFrom('song_variations').selectAll().where('song_id', '=', song.id).orderBy('position').execute();
  for (const [i, v] of rows.entries()) {
    assert.equal(v.status, 'completed');
    assert.ok(v.audio_key && v.sidecar_key);
    assert.ok(v.lrc && /^\[\d\d:\d\d\.\d\d\]/m.test(v.lrc), 'LRC present');
    assert.ok(v.plan, 'plan stored');
    assert.ok((v.timings as Record<string, number>).render >= 0 && (v.timings as Record<string, number>).master >= 0);
    // Played back through the signed link the result carries.
    const url = new URL(data.variations[i].audioUrl);
    const audio = await t.request({ method: 'GET', url: url.pathname + url.search });
    assert.equal(audio.statusCode, 200);
    const file = join(scratch, `take-${i}.${v.format}`);
    writeFileSync(file, audio.rawPayload);
    const report = await analyzeAudio(await openAudioFile(file));
    assert.ok(Math.abs(report.durationSeconds - 10) <= 0.1, `duration ${report.durationSeconds}`);
    assert.ok(report.integratedLufs !== null && Math.abs(report.integratedLufs + 14) <= 0.2, `loudness ${report.integratedLufs}`);
    assert.ok(report.truePeakDbtp !== null && report.truePeakDbtp <= -0.9, `true peak ${report.truePeakDbtp}`);
    const loudness = v.loudness as { output: { integratedLufs: number } };
    assert.ok(Math.abs(loudness.output.integratedLufs + 14) <= 0.2);
    const sidecar = JSON.parse((await streamText(v.sidecar_key)) as string);
    assert.equal(sidecar.songId, song.id);
    assert.equal(sidecar.request.prompt, 'upbeat pop with piano, 120 bpm');
    assert.equal(sidecar.engine.engine, 'procedural');
    const info = await t.ctx.storage.head(v.sidecar_key);
    assert.equal(info?.metadata.filename, `${song.id}_input_params.json`);
  }
  assert.notEqual(rows[0].seed, rows[1].seed);
  // The job row settles just after the handler returns, a moment after the song completed.
  await waitFor(async () => (await t.ctx.jobs.getJob(job.id))?.status === 'completed');
  assert.deepEqual(await balanceAndSum(user.id), { balance: 80, total: 80 });
  completed = { user, songId: song.id, duration: rows[0].duration_seconds! };
});

async function streamText(key: string): Promise<string> {
  const { body } = await t.ctx.storage.get(key);
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}

test('a retake of the finished song renders from its stored plan; remix is paid as remix', async () => {
  const { user, songId } = completed;
  const retake = await generate(user, { prompt: 'again', task: 'retake', parentSongId: songId, durationSeconds: 10, variations: 1 });
  assert.equal(retake.statusCode, 202, retake.body);
  const lines = await follow(user, retake.json().job.id);
  assert.equal(lines.at(-1).type, 'result', JSON.stringify(lines.at(-1)));
  const remix = await generate(user, { prompt: 'dark techno', task: 'remix', parentSongId: songId, durationSeconds: 5, variations: 1 });
  assert.equal(remix.statusCode, 202, remix.body);
  const reasons = await t.ctx.database.db.selectFrom('transactions').select('reason').where('user_id', '=', user.id).orderBy('created_at').execute();
  assert.equal(reasons.at(-1)?.reason, 'remix');
  assert.equal((await follow(user, remix.json().job.id)).at(-1).type, 'result');
});

test('validation: a task without its parent names the field; a stranger’s parent is 404; a region outside the parent is 400', async () => {
  const { user, songId, duration } = completed;
  const stranger = await signUp(t);
  const missing = await generate(user, { prompt: 'x', task: 'retake', durationSeconds: 10 });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().error.details.field, 'parentSongId');
  const foreign = await generate(stranger, { prompt: 'x', task: 'retake', parentSongId: songId, durationSeconds: 10 });
  assert.equal(foreign.statusCode, 404);
  const outside = await generate(user, { prompt: 'x', task: 'repaint', parentSongId: songId, durationSeconds: 10, region: { start: 2, end: duration + 5 } });
  assert.equal(outside.statusCode, 400);
  assert.equal(outside.json().error.details.field, 'region.end');
  const backwards = await generate(user, { prompt: 'x', task: 'repaint', parentSongId: songId, durationSeconds: 10, region: { start: 4, end: 2 } });
  assert.equal(backwards.statusCode, 400);
  const unknownField = await generate(user, { prompt: 'x', durationSeconds: 10, cost: 0 });
  assert.equal(unknownField.statusCode, 400);
  assert.equal(unknownField.json().error.details.field, 'cost');
  const tooShort = await generate(user, { prompt: 'x', durationSeconds: 4 });
  assert.equal(tooShort.json().error.details.field, 'durationSeconds');
  const engine = await generate(user, { prompt: 'x', durationSeconds: 10, engine: 'nope' });
  assert.equal(engine.statusCode, 400);
  assert.equal(engine.json().error.details.field, 'engine');
  const repaint = await generate(user, { prompt: 'x', task: 'repaint', parentSongId: songId, durationSeconds: 10, region: { start: 2, end: 5 } });
  assert.equal(repaint.statusCode, 202, repaint.body);
  assert.equal((await follow(user, repaint.json().job.id)).at(-1).type, 'result');
  // A parent still rendering is a conflict.
  const pending = await generate(user, { prompt: 'pending', durationSeconds: 5 });
  const early = await generate(user, { prompt: 'x', task: 'extend', parentSongId: pending.json().song.id, durationSeconds: 5 });
  assert.equal(early.statusCode, 409, early.body);
  await follow(user, pending.json().job.id);
});

test('the stream is only for the job owner', async () => {
  const stranger = await signUp(t);
  const job = (await t.ctx.database.db.selectFrom('songs').select('job_id').where('id', '=', completed.songId).executeTakeFirstOrThrow()).job_id!;
  const res = await t.request({ method: 'GET', url: `/api/generate/${job}/stream`, token: stranger.accessToken });
  assert.equal(res.statusCode, 404);
  assert.equal((await t.request({ method: 'GET', url: `/api/generate/${job}/stream` })).statusCode, 401);
});

test('an async engine: the song is submitted once, external ids stored, and completeVariation finishes it', async () => {
  const submitted: string[][] = [];
  registerEngine({
    name: 'test-async',
    kind: 'async',
    async submit(inputs, run) {
      await run.log('provider', `webhook ${run.webhookUrl}`);
      submitted.push(inputs.map((i) => i.variationId));
      return { externalIds: inputs.map((i) => `ext-${i.variationId}`), params: { model: 'stand-in' } };
    },
  });
  try {
    const user = await signUp(t);
    const res = await generate(user, { prompt: 'provider song', durationSeconds: 5, variations: 2, engine: 'test-async' });
    assert.equal(res.statusCode, 202, res.body);
    const songId = res.json().song.id;
    const takes = await waitFor(async () => {
      const rows = await t.ctx.database.db.selectFrom('song_variations').select(['id', 'external_id', 'status']).where('song_id', '=', songId).orderBy('position').execute();
      return rows.every((r) => r.external_id) && rows;
    });
    assert.equal(submitted.length, 1);
    assert.deepEqual(takes.map((r) => r.external_id), takes.map((r) => `ext-${r.id}`));
    // What a webhook handler does with a downloaded take.
    const dir = mkdtempSync(join(scratch, 'provider-'));
    for (const take of takes) {
      const input = { songId, variationId: take.id, position: 0, userId: user.id, task: 'text2music' as const, prompt: 'x', lyrics: null, title: 'x', durationSeconds: 5, seed: 1, region: null, parent: null };
      const rendered = await proceduralEngine.render(input, { workDir: dir, signal: new AbortController().signal, log: async () => {}, progress: async () => {} });
      const done = await completeVariation(t.ctx, take.id, { ...rendered, timings: { provider: 1234 } });
      assert.equal(done.applied, true);
      const twice = await completeVariation(t.ctx, take.id, { ...rendered, timings: {} });
      assert.equal(twice.applied, false);
    }
    const row = await t.ctx.database.db.selectFrom('songs').select(['status', 'params']).where('id', '=', songId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'completed');
    assert.deepEqual((row.params as { provider: unknown }).provider, { model: 'stand-in' });
  } finally {
    unregisterEngine('test-async');
  }
});

async function waitFor<T>(probe: () => Promise<T | false | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
