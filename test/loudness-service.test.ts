// The loudness service end to end over HTTP: upload a loud mix, follow it, download the result and
// measure it independently; plus report, listing, deletion, API keys and the admin tier route.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openAudioStream } from '../src/audio/decode/index.ts';
import { independentTruePeak } from '../src/audio/dynamics/testing/independent-true-peak.ts';
import { LoudnessMeter } from '../src/audio/loudness/meter.ts';
import { multipartBody } from '../src/modules/loudness/testing/multipart-body.ts';
import { writeTestMix } from '../src/modules/loudness/testing/write-test-mix.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { createApiKey, signUp, type TestUser } from './helpers/users.ts';

let t: TestApp;
let user: TestUser;
let apiKey: string;
let mix: Buffer;
let shortMix: Buffer;
let jobId: string;
const dir = mkdtempSync(join(tmpdir(), 'loudness-e2e-'));

before(async () => {
  t = await createTestApp({ workers: true });
  user = await signUp(t);
  apiKey = await createApiKey(t, user);
  const path = join(dir, 'mix.wav');
  await writeTestMix(path, { seconds: 120 });
  mix = readFileSync(path);
  await writeTestMix(join(dir, 'short.wav'), { seconds: 5, seed: 2 });
  shortMix = readFileSync(join(dir, 'short.wav'));
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function parseEvents(body: string): any[] {
  return body
    .split('\n\n')
    .map((chunk) => chunk.split('\n').find((line) => line.startsWith('data: ')))
    .filter((line): line is string => Boolean(line))
    .map((line) => JSON.parse(line.slice(6)));
}

test('presets: the built-in ones are listed with their targets and ceilings', async () => {
  const res = await t.request({ method: 'GET', url: '/api/loudness/presets', apiKey });
  assert.equal(res.statusCode, 200, res.body);
  const bySlug = Object.fromEntries(res.json().items.map((p: any) => [p.slug, p]));
  assert.deepEqual(
    ['spotify', 'youtube', 'apple', 'ebu-r128', 'club', 'max'].map((s) => [s, bySlug[s]?.targetLufs, bySlug[s]?.truePeak]),
    [['spotify', -14, -1], ['youtube', -14, -1], ['apple', -16, -1], ['ebu-r128', -23, -1], ['club', -7, -0.5], ['max', -5, -0.3]],
  );
  assert.equal(bySlug.spotify.builtIn, true);
  assert.ok(bySlug.club.description.length > 10);
});

test('a 2-minute mix at about −9 LUFS normalized to Spotify: events, download, independent measurement', { timeout: 120_000 }, async () => {
  // The fields follow the file here: they are checked once it is stored.
  const body = multipartBody([
    { name: 'file', filename: '../../My "Mix" \u202Egpj.wav', contentType: 'text/plain', data: mix },
    { name: 'presetId', value: 'spotify' },
  ]);
  const res = await t.request({ method: 'POST', url: '/api/loudness/jobs', apiKey, ...body });
  assert.equal(res.statusCode, 202, res.body);
  const { job } = res.json();
  assert.equal(job.status, 'queued');
  jobId = job.id;

  const events = await t.request({ method: 'GET', url: `/api/loudness/jobs/${jobId}/events`, apiKey });
  assert.equal(events.statusCode, 200);
  assert.match(String(events.headers['content-type']), /text\/event-stream/);
  const list = parseEvents(events.body);
  assert.ok(list.length >= 2, events.body);
  const last = list[list.length - 1];
  assert.equal(last.status, 'completed', events.body);
  assert.equal(last.progress, 100);
  const progress = list.map((e) => e.progress);
  assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes back');
  assert.ok(list.some((e) => e.status === 'processing' && e.progress > 0 && e.progress < 100), `intermediate progress: ${events.body}`);

  const view = await t.request({ method: 'GET', url: `/api/loudness/jobs/${jobId}`, apiKey });
  assert.equal(view.statusCode, 200, view.body);
  const v = view.json();
  assert.equal(v.status, 'completed');
  assert.equal(v.preset.slug, 'spotify');
  assert.equal(v.targetLufs, -14);
  assert.equal(v.truePeakCeiling, -1);
  assert.ok(Math.abs(v.input.integratedLufs + 9) < 1, `input ${v.input.integratedLufs}`);
  assert.ok(Math.abs(v.output.integratedLufs + 14) <= 0.1, `output ${v.output.integratedLufs}`);
  assert.ok(v.output.truePeakDbtp <= -1, `output true peak ${v.output.truePeakDbtp}`);
  assert.ok(v.gainDb < -4 && v.gainDb > -6, `gain ${v.gainDb}`);
  assert.equal(typeof v.limiter.engaged, 'boolean');
  assert.equal(v.input.sampleRate, 44100);
  assert.equal(v.input.channels, 2);
  assert.ok(Math.abs(v.input.durationSeconds - 120) < 0.01);
  // The name is metadata only, stripped of path parts and bidi controls.
  assert.ok(!v.originalName.includes('/') && !v.originalName.includes('\u202E'), v.originalName);

  const download = await t.request({ method: 'GET', url: `/api/loudness/jobs/${jobId}/download`, apiKey });
  assert.equal(download.statusCode, 200);
  assert.match(String(download.headers['content-disposition']), /^attachment; filename=".*\(Spotify\)\.wav"/);
  assert.equal(download.headers['x-content-type-options'], 'nosniff');
  const bytes = download.rawPayload;

  // Measured here, from the downloaded bytes, not taken from the job's report.
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 1 << 16) yield bytes.subarray(i, i + (1 << 16));
  }
  const decoder = await openAudioStream(chunks(), bytes.length);
  const meter = new LoudnessMeter({ sampleRate: decoder.info.sampleRate, channels: decoder.info.channels });
  const first20s: Float32Array[][] = [[], []];
  let frames = 0;
  for await (const block of decoder.blocks()) {
    meter.push(block);
    if (frames < 20 * 44100) block.channels.forEach((c, i) => first20s[i].push(c.slice(0, block.frames)));
    frames += block.frames;
  }
  const measured = meter.result();
  assert.ok(Math.abs(measured.integratedLufs! + 14) <= 0.1, `downloaded file measures ${measured.integratedLufs} LUFS`);
  assert.ok(measured.truePeakDbtp! <= -1, `downloaded file true peak ${measured.truePeakDbtp} dBTP`);
  // The loudest section, by a reader sharing no code with the meter or the limiter.
  const joined = first20s.map((parts) => {
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  });
  const peakDb = 20 * Math.log10(independentTruePeak(joined));
  assert.ok(peakDb <= -0.95, `independent true peak ${peakDb.toFixed(3)} dBTP`);

  const range = await t.request({ method: 'GET', url: `/api/loudness/jobs/${jobId}/download`, apiKey, headers: { range: 'bytes=0-11' } });
  assert.equal(range.statusCode, 206);
  assert.equal(range.rawPayload.subarray(0, 4).toString('latin1'), 'RIFF');
});

test('report: short-term series before and after, and the per-platform playback table', async () => {
  const res = await t.request({ method: 'GET', url: `/api/loudness/jobs/${jobId}/report`, token: user.accessToken });
  assert.equal(res.statusCode, 200, res.body);
  const r = res.json();
  assert.ok(r.shortTerm.input.length >= 119 && r.shortTerm.input.length <= 121, String(r.shortTerm.input.length));
  assert.equal(r.shortTerm.output.length, r.shortTerm.input.length);
  // The result is the original turned down by the same static gain: the series differ by it.
  const i = 30;
  assert.ok(Math.abs(r.shortTerm.input[i] - r.shortTerm.output[i] - 5) < 1.5, `${r.shortTerm.input[i]} vs ${r.shortTerm.output[i]}`);
  const p = Object.fromEntries(r.platforms.map((x: any) => [x.id, x]));
  assert.ok(['spotify', 'youtube', 'apple', 'tidal', 'amazon', 'deezer', 'soundcloud'].every((id) => p[id]));
  // The loud original is turned down by about 5 dB on Spotify; the result plays as it is.
  assert.ok(p.spotify.original.gainDb < -4, JSON.stringify(p.spotify));
  assert.ok(Math.abs(p.spotify.result.gainDb) <= 0.1);
  // Apple (−16) turns both down; YouTube never turns up.
  assert.ok(p.apple.result.gainDb < -1.8 && p.apple.result.gainDb > -2.2);
  assert.ok(p.youtube.result.gainDb <= 0);
});

test('listing: newest first with a cursor; another job appears and deleting removes rows and files', async () => {
  await t.request({ method: 'PATCH', url: `/api/admin/users/${user.id}/loudness-tier`, token: user.accessToken, body: { tier: 'premium' } }).then((res) =>
    assert.equal(res.statusCode, 403, res.body),
  );
  const admin = await signUp(t);
  await t.ctx.database.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
  const set = await t.request({ method: 'PATCH', url: `/api/admin/users/${user.id}/loudness-tier`, token: admin.accessToken, body: { tier: 'premium' } });
  assert.equal(set.statusCode, 200, set.body);
  assert.deepEqual(set.json(), { userId: user.id, tier: 'premium' });
  const bad = await t.request({ method: 'PATCH', url: `/api/admin/users/${user.id}/loudness-tier`, token: admin.accessToken, body: { tier: 'gold' } });
  assert.equal(bad.statusCode, 400);

  const usage = await t.request({ method: 'GET', url: '/api/loudness/usage', apiKey });
  assert.equal(usage.statusCode, 200);
  assert.equal(usage.json().tier, 'premium');
  assert.equal(usage.json().used, 1);
  assert.equal(usage.json().remaining, 3);

  // A short second upload, fields first, custom target (premium may).
  const body = multipartBody([
    { name: 'targetLufs', value: '-12' },
    { name: 'truePeak', value: '-2' },
    { name: 'outputFormat', value: 'flac' },
    { name: 'file', filename: 'short.wav', data: shortMix },
  ]);
  const up = await t.request({ method: 'POST', url: '/api/loudness/jobs', apiKey, ...body });
  assert.equal(up.statusCode, 202, up.body);
  const second = up.json().job.id;

  const page1 = await t.request({ method: 'GET', url: '/api/loudness/jobs?limit=1', apiKey });
  assert.equal(page1.statusCode, 200, page1.body);
  assert.equal(page1.json().items.length, 1);
  assert.equal(page1.json().items[0].id, second);
  assert.equal(page1.json().items[0].preset, null);
  assert.equal(page1.json().items[0].targetLufs, -12);
  const page2 = await t.request({ method: 'GET', url: `/api/loudness/jobs?limit=1&cursor=${page1.json().nextCursor}`, apiKey });
  assert.deepEqual(page2.json().items.map((j: any) => j.id), [jobId]);
  assert.equal(page2.json().nextCursor, null);

  const events = await t.request({ method: 'GET', url: `/api/loudness/jobs/${second}/events`, apiKey });
  assert.equal(parseEvents(events.body).at(-1).status, 'completed', events.body);
  const done = (await t.request({ method: 'GET', url: `/api/loudness/jobs/${second}`, apiKey })).json();
  assert.equal(done.output.format, 'flac');
  assert.ok(Math.abs(done.output.integratedLufs + 12) <= 0.1, JSON.stringify(done.output));
  assert.ok(done.output.truePeakDbtp <= -2);

  const keys = (await t.ctx.database.db.selectFrom('audio_files').select('storage_key').where('job_id', '=', second).execute()).map((r) => r.storage_key);
  assert.equal(keys.length, 2);
  const del = await t.request({ method: 'DELETE', url: `/api/loudness/jobs/${second}`, apiKey });
  assert.equal(del.statusCode, 204);
  for (const key of keys) assert.equal(await t.ctx.storage.head(key), null, key);
  assert.equal((await t.request({ method: 'GET', url: `/api/loudness/jobs/${second}`, apiKey })).statusCode, 404);
  assert.equal((await t.request({ method: 'DELETE', url: `/api/loudness/jobs/${second}`, apiKey })).statusCode, 404);
  assert.equal(await t.ctx.jobs.getJob(second), null);
});
