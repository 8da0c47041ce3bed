// Tiers, quotas and refusals of the loudness service: parallel uploads against the monthly limit,
// paid-only custom targets, size and content checks that leave nothing behind, and a lying file
// that fails its job and gives the upload back.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { createLoudnessJob, getLoudnessUsage, setLoudnessTier } from '../src/modules/loudness/index.ts';
import { multipartBody, type Part } from '../src/modules/loudness/testing/multipart-body.ts';
import { writeTestMix } from '../src/modules/loudness/testing/write-test-mix.ts';
import { makeObjectKey } from '../src/storage/index.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { signUp, type TestUser } from './helpers/users.ts';

let t: TestApp;
let small: TestApp;
let shortMix: Buffer;
const dir = mkdtempSync(join(tmpdir(), 'loudness-quota-'));

before(async () => {
  t = await createTestApp({ workers: true });
  small = await createTestApp({ env: { LOUDNESS_MAX_UPLOAD_BYTES: '100000' } });
  await writeTestMix(join(dir, 'short.wav'), { seconds: 3 });
  shortMix = readFileSync(join(dir, 'short.wav'));
});
after(async () => {
  await t.close();
  await small.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file below the app's storage root (objects, sidecars and any temp file). */
function storedFiles(app: TestApp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(join(app.dataDir, 'storage'));
  return out;
}

function upload(app: TestApp, user: TestUser, parts: Part[]) {
  return app.request({ method: 'POST', url: '/api/loudness/jobs', token: user.accessToken, ...multipartBody(parts) });
}

const file = (data: Buffer, filename = 'mix.wav'): Part => ({ name: 'file', filename, data });

test('5 parallel uploads by a free user: exactly one accepted, the others 429, usage 1, one object stored', async () => {
  const user = await signUp(t);
  const results = await Promise.all(
    Array.from({ length: 5 }, (_, i) => upload(t, user, i % 2 ? [file(shortMix), { name: 'presetId', value: 'youtube' }] : [{ name: 'presetId', value: 'spotify' }, file(shortMix)])),
  );
  const codes = results.map((r) => r.statusCode).sort();
  assert.deepEqual(codes, [202, 429, 429, 429, 429], results.map((r) => r.body).join('\n'));
  const refused = results.find((r) => r.statusCode === 429)!;
  assert.equal(refused.json().error.code, 'rate_limited');
  assert.match(refused.json().error.message, /free tier allows 1 upload a month/);
  assert.ok(Number(refused.headers['retry-after']) > 0);

  const usage = (await t.request({ method: 'GET', url: '/api/loudness/usage', token: user.accessToken })).json();
  assert.equal(usage.tier, 'free');
  assert.equal(usage.used, 1);
  assert.equal(usage.limit, 1);
  assert.equal(usage.remaining, 0);
  assert.match(usage.period, /^\d{4}-\d{2}$/);
  assert.equal(new Date(usage.resetsAt).getUTCDate(), 1);
  const uploads = storedFiles(t).filter((f) => f.includes(join('uploads', user.id)) && !f.includes('.meta'));
  assert.equal(uploads.filter((f) => !/\.json$/.test(f)).length, 1, uploads.join('\n'));

  // A new calendar month starts from zero, and the reservation counts in the month it was made.
  const nextMonth = new Date(Date.parse(usage.resetsAt) + 3600_000);
  assert.equal((await getLoudnessUsage(t.ctx, { userId: user.id, now: nextMonth })).used, 0);
  const key = makeObjectKey('uploads', user.id, 'wav');
  await t.ctx.storage.put(key, shortMix, { contentType: 'audio/wav' });
  const upload2 = { key, format: 'wav' as const, sizeBytes: shortMix.length, originalName: null };
  await createLoudnessJob(t.ctx, { userId: user.id, upload: upload2, target: { presetId: 'spotify' }, now: nextMonth });
  assert.equal((await getLoudnessUsage(t.ctx, { userId: user.id, now: nextMonth })).used, 1);
});

test('premium allows 4 a month, premium+ is unlimited', async () => {
  const premium = await signUp(t);
  await setLoudnessTier(t.ctx, { userId: premium.id, tier: 'premium' });
  const codes = [];
  for (let i = 0; i < 5; i++) codes.push((await upload(t, premium, [{ name: 'presetId', value: 'apple' }, file(shortMix)])).statusCode);
  assert.deepEqual(codes, [202, 202, 202, 202, 429]);
  const plus = await signUp(t);
  await setLoudnessTier(t.ctx, { userId: plus.id, tier: 'premium_plus' });
  for (let i = 0; i < 5; i++) assert.equal((await upload(t, plus, [{ name: 'presetId', value: 'club' }, file(shortMix)])).statusCode, 202);
  const usage = (await t.request({ method: 'GET', url: '/api/loudness/usage', token: plus.accessToken })).json();
  assert.deepEqual([usage.used, usage.limit, usage.remaining], [5, null, null]);
});

test('custom targets are for paid tiers: 402 for free (fields before or after the file), nothing stored, no quota used', async () => {
  const user = await signUp(t);
  const first = await upload(t, user, [{ name: 'targetLufs', value: '-10' }, file(shortMix)]);
  assert.equal(first.statusCode, 402, first.body);
  assert.equal(first.json().error.code, 'payment_required');
  assert.match(first.json().error.message, /premium/);
  const afterFile = await upload(t, user, [file(shortMix), { name: 'targetLufs', value: '-10' }, { name: 'truePeak', value: '-1.5' }]);
  assert.equal(afterFile.statusCode, 402, afterFile.body);
  assert.deepEqual(storedFiles(t).filter((f) => f.includes(user.id)), []);
  assert.equal((await getLoudnessUsage(t.ctx, { userId: user.id })).used, 0);

  const preset = await t.request({ method: 'POST', url: '/api/loudness/presets', token: user.accessToken, body: { name: 'Mine', targetLufs: -10, truePeak: -1 } });
  assert.equal(preset.statusCode, 402, preset.body);

  // A premium user's preset: usable by its owner, invisible to others, deletable by its owner only.
  const premium = await signUp(t);
  await setLoudnessTier(t.ctx, { userId: premium.id, tier: 'premium' });
  const created = await t.request({ method: 'POST', url: '/api/loudness/presets', token: premium.accessToken, body: { name: 'Warm-up set', targetLufs: -11, truePeak: -1.5, description: 'for the early slot' } });
  assert.equal(created.statusCode, 201, created.body);
  const presetId = created.json().id;
  const listed = (await t.request({ method: 'GET', url: '/api/loudness/presets', token: premium.accessToken })).json().items;
  assert.ok(listed.some((p: any) => p.id === presetId && !p.builtIn));
  const notMine = await upload(t, user, [{ name: 'presetId', value: presetId }, file(shortMix)]);
  assert.equal(notMine.statusCode, 400, notMine.body);
  const ok = await upload(t, premium, [{ name: 'presetId', value: presetId }, file(shortMix)]);
  assert.equal(ok.statusCode, 202, ok.body);
  // Downgraded to free, the saved preset is a custom target again.
  await setLoudnessTier(t.ctx, { userId: premium.id, tier: 'free' });
  const downgraded = await upload(t, premium, [{ name: 'presetId', value: presetId }, file(shortMix)]);
  assert.equal(downgraded.statusCode, 402, downgraded.body);
  assert.equal((await t.request({ method: 'DELETE', url: `/api/loudness/presets/${presetId}`, token: user.accessToken })).statusCode, 404);
  assert.equal((await t.request({ method: 'DELETE', url: `/api/loudness/presets/${presetId}`, token: premium.accessToken })).statusCode, 204);
  const builtIn = listed.find((p: any) => p.slug === 'spotify').id;
  assert.equal((await t.request({ method: 'DELETE', url: `/api/loudness/presets/${builtIn}`, token: premium.accessToken })).statusCode, 404);
});

test('oversized upload: 413 by declared length and while streaming, nothing stored, no temp file, no quota used', async () => {
  const user = await signUp(small);
  const big = Buffer.alloc(200_000);
  shortMix.copy(big, 0, 0, Math.min(shortMix.length, big.length));
  const declared = await upload(small, user, [{ name: 'presetId', value: 'spotify' }, file(big)]);
  assert.equal(declared.statusCode, 413, declared.body);
  assert.equal(declared.json().error.code, 'payload_too_large');

  // No Content-Length: the limit is met in the middle of the stream.
  const { payload, headers } = multipartBody([{ name: 'presetId', value: 'spotify' }, file(big)]);
  const streamed = await small.app.inject({
    method: 'POST',
    url: '/api/loudness/jobs',
    headers: { ...headers, authorization: `Bearer ${user.accessToken}` },
    payload: Readable.from([payload.subarray(0, 50_000), payload.subarray(50_000)]),
  });
  assert.equal(streamed.statusCode, 413, streamed.body);
  assert.deepEqual(storedFiles(small), []);
  assert.equal((await getLoudnessUsage(small.ctx, { userId: user.id })).used, 0);

  // Just under the limit is fine.
  const fits = await upload(small, user, [{ name: 'presetId', value: 'spotify' }, file(shortMix.subarray(0, 90_000))]);
  assert.equal(fits.statusCode, 202, fits.body);
});

test('non-audio and malformed requests are refused before anything is stored', async () => {
  const user = await signUp(t);
  const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'.repeat(100));
  const cases: [Part[], number, string][] = [
    [[{ name: 'presetId', value: 'spotify' }, { name: 'file', filename: 'track.wav', contentType: 'audio/wav', data: html }], 415, 'unsupported_media_type'],
    [[{ name: 'presetId', value: 'spotify' }, { name: 'file', filename: 'list.mp3', data: Buffer.from('#EXTM3U\nhttp://x/a.mp3\n') }], 415, 'unsupported_media_type'],
    [[{ name: 'presetId', value: 'spotify' }, file(Buffer.alloc(0))], 400, 'validation_failed'],
    [[{ name: 'presetId', value: 'spotify' }], 400, 'validation_failed'],
    [[file(shortMix)], 400, 'validation_failed'],
    [[{ name: 'presetId', value: 'no-such-preset' }, file(shortMix)], 400, 'validation_failed'],
    [[{ name: 'presetId', value: 'spotify' }, { name: 'outputFormat', value: 'ogg' }, file(shortMix)], 400, 'validation_failed'],
    [[{ name: 'presetId', value: 'spotify' }, { name: 'colour', value: 'red' }, file(shortMix)], 400, 'validation_failed'],
    [[{ name: 'presetId', value: 'spotify' }, { name: 'targetLufs', value: '-14' }, file(shortMix)], 400, 'validation_failed'],
  ];
  for (const [parts, status, code] of cases) {
    const res = await upload(t, user, parts);
    assert.equal(res.statusCode, status, `${parts.map((p) => p.name).join(',')}: ${res.body}`);
    assert.equal(res.json().error.code, code);
  }
  const json = await t.request({ method: 'POST', url: '/api/loudness/jobs', token: user.accessToken, body: { presetId: 'spotify' } });
  assert.equal(json.statusCode, 415, json.body);
  // Other tests' jobs may be writing results meanwhile: only this user's files count.
  assert.deepEqual(storedFiles(t).filter((f) => f.includes(user.id)), []);
  assert.equal((await getLoudnessUsage(t.ctx, { userId: user.id })).used, 0);
  const anonymous = await t.request({ method: 'POST', url: '/api/loudness/jobs', ...multipartBody([file(shortMix)]) });
  assert.equal(anonymous.statusCode, 401);
});

test('a file whose header lies fails its job with a clear message, once, and gives the upload back', { timeout: 60_000 }, async () => {
  const user = await signUp(t);
  // A WAV header declaring a minute of audio, followed by a second of it.
  const lying = shortMix.subarray(0, 44 + 44100 * 2 * 2);
  const res = await upload(t, user, [{ name: 'presetId', value: 'spotify' }, file(lying, 'cut.wav')]);
  assert.equal(res.statusCode, 202, res.body);
  assert.equal((await getLoudnessUsage(t.ctx, { userId: user.id })).used, 1);
  const id = res.json().job.id;
  const events = await t.request({ method: 'GET', url: `/api/loudness/jobs/${id}/events`, token: user.accessToken });
  assert.match(events.body, /"status":"failed"/, events.body);
  const job = (await t.request({ method: 'GET', url: `/api/loudness/jobs/${id}`, token: user.accessToken })).json();
  assert.equal(job.status, 'failed');
  assert.match(job.error, /could not be processed: .*WAV data ends/);
  assert.equal(job.output, null);
  assert.equal((await getLoudnessUsage(t.ctx, { userId: user.id })).used, 0);
  const row = await t.ctx.database.db.selectFrom('processing_jobs').select(['attempt']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.attempt, 1, 'no retries for a file that cannot be decoded');
  assert.equal((await t.request({ method: 'GET', url: `/api/loudness/jobs/${id}/download`, token: user.accessToken })).statusCode, 409);
  assert.equal((await t.request({ method: 'GET', url: `/api/loudness/jobs/${id}/report`, token: user.accessToken })).statusCode, 409);
  // The refund is made once: a second compensation changes nothing.
  const { markLoudnessJobFailed } = await import('../src/modules/loudness/mark-loudness-job-failed.ts');
  await markLoudnessJobFailed(t.ctx.database.db, { jobId: id, error: 'again' });
  assert.equal((await getLoudnessUsage(t.ctx, { userId: user.id })).used, 0);
  const health = await t.request({ method: 'GET', url: '/api/health' });
  assert.equal(health.statusCode, 200);
});

test('hostile file names never reach the storage key and are kept sanitized as metadata', async () => {
  const user = await signUp(t);
  await setLoudnessTier(t.ctx, { userId: user.id, tier: 'premium_plus' });
  const names = ['../../etc/passwd.wav', '..%2f..%2fx.wav', `${'a'.repeat(1000)}.wav`, 'mix\u202Evaw.exe', 'C:\\Users\\dj\\set.wav'];
  for (const filename of names) {
    const res = await upload(t, user, [{ name: 'presetId', value: 'spotify' }, file(shortMix, filename)]);
    assert.equal(res.statusCode, 202, res.body);
    const id = res.json().job.id;
    const row = await t.ctx.database.db.selectFrom('audio_files').select(['storage_key', 'original_name']).where('job_id', '=', id).executeTakeFirstOrThrow();
    assert.match(row.storage_key, new RegExp(`^uploads/${user.id}/[0-9a-f-]{36}\\.wav$`));
    const name = row.original_name!;
    assert.ok(!/[/\\\u202E]/.test(name) && !name.startsWith('.') && [...name].length <= 180, JSON.stringify(name));
  }
});
