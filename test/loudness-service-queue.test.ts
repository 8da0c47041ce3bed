// The loudness queue: tier priority decides which job a worker takes first, a completed job run again
// does nothing, and the retention sweep deletes files and marks jobs expired.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { expireLoudnessJobs, setLoudnessTier } from '../src/modules/loudness/index.ts';
import { processLoudnessJob } from '../src/modules/loudness/process-loudness-job.ts';
import { multipartBody } from '../src/modules/loudness/testing/multipart-body.ts';
import { writeTestMix } from '../src/modules/loudness/testing/write-test-mix.ts';
import { startWorkers } from '../src/workers.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { signUp, type TestUser } from './helpers/users.ts';

let t: TestApp;
let shortMix: Buffer;
const dir = mkdtempSync(join(tmpdir(), 'loudness-queue-'));
const jobs: { id: string; user: TestUser; tier: string }[] = [];

before(async () => {
  t = await createTestApp({ workers: false });
  await writeTestMix(join(dir, 'short.wav'), { seconds: 4 });
  shortMix = readFileSync(join(dir, 'short.wav'));
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function upload(user: TestUser): Promise<string> {
  const body = multipartBody([{ name: 'presetId', value: 'spotify' }, { name: 'file', filename: 'mix.wav', data: shortMix }]);
  const res = await t.request({ method: 'POST', url: '/api/loudness/jobs', token: user.accessToken, ...body });
  assert.equal(res.statusCode, 202, res.body);
  return res.json().job.id;
}

async function waitForAll(ids: string[], status: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await t.ctx.database.db.selectFrom('processing_jobs').select(['id', 'status']).where('id', 'in', ids).execute();
    if (rows.length === ids.length && rows.every((r) => r.status === status)) return;
    if (Date.now() > deadline) throw new Error(`jobs did not reach ${status}: ${JSON.stringify(rows)}`);
    await sleep(200);
  }
}

test('a premium+ job queued after free jobs starts first', { timeout: 90_000 }, async () => {
  // Queued while no worker runs.
  for (let i = 0; i < 3; i++) {
    const user = await signUp(t);
    jobs.push({ id: await upload(user), user, tier: 'free' });
  }
  const plus = await signUp(t);
  await setLoudnessTier(t.ctx, { userId: plus.id, tier: 'premium_plus' });
  jobs.push({ id: await upload(plus), user: plus, tier: 'premium_plus' });

  // One worker process, one job at a time.
  await startWorkers(t.ctx);
  const ids = jobs.map((j) => j.id);
  await waitForAll(ids, 'completed');
  const rows = await t.ctx.database.db
    .selectFrom('processing_jobs')
    .select(['id', 'tier', 'started_at', 'completed_at'])
    .where('id', 'in', ids)
    .orderBy('started_at')
    .execute();
  assert.equal(rows[0].tier, 'premium_plus', JSON.stringify(rows));
  assert.deepEqual(rows.slice(1).map((r) => r.tier), ['free', 'free', 'free']);
  // One at a time: each started after the previous completed.
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i].started_at! >= rows[i - 1].completed_at!, JSON.stringify(rows));
});

test('running a completed job again does nothing', async () => {
  const { id } = jobs[0];
  const before = await t.ctx.database.db.selectFrom('audio_files').selectAll().where('job_id', '=', id).orderBy('role').execute();
  const progress: number[] = [];
  const result = await processLoudnessJob(t.ctx, {
    id,
    queue: 'loudness.process',
    data: {},
    attempt: 5,
    signal: new AbortController().signal,
    progress: async (p) => void progress.push(p),
  });
  assert.deepEqual(result, { outcome: 'skipped' });
  assert.deepEqual(progress, []);
  const after = await t.ctx.database.db.selectFrom('audio_files').selectAll().where('job_id', '=', id).orderBy('role').execute();
  assert.deepEqual(after, before);
  const row = await t.ctx.database.db.selectFrom('processing_jobs').select(['status', 'attempt']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'completed', attempt: 1 });
});

test('the retention sweep deletes originals and results and marks the jobs expired', async () => {
  const ids = jobs.map((j) => j.id);
  const keys = (await t.ctx.database.db.selectFrom('audio_files').select('storage_key').where('job_id', 'in', ids).execute()).map((r) => r.storage_key);
  assert.equal(keys.length, 8);
  for (const key of keys) assert.ok(await t.ctx.storage.head(key), key);

  // Not yet due: nothing happens.
  assert.deepEqual(await expireLoudnessJobs(t.ctx, { now: new Date(Date.now() + 86_400_000) }), { expired: 0 });
  // Past the default 30 days.
  const later = new Date(Date.now() + 31 * 86_400_000);
  assert.deepEqual(await expireLoudnessJobs(t.ctx, { now: later }), { expired: 4 });
  for (const key of keys) assert.equal(await t.ctx.storage.head(key), null, key);
  assert.deepEqual(await expireLoudnessJobs(t.ctx, { now: later }), { expired: 0 });

  const { user, id } = jobs[0];
  const job = await t.request({ method: 'GET', url: `/api/loudness/jobs/${id}`, token: user.accessToken });
  assert.equal(job.json().status, 'expired');
  assert.ok(job.json().output, 'the measurements stay');
  const download = await t.request({ method: 'GET', url: `/api/loudness/jobs/${id}/download`, token: user.accessToken });
  assert.equal(download.statusCode, 409);
  const events = await t.request({ method: 'GET', url: `/api/loudness/jobs/${id}/events`, token: user.accessToken });
  assert.match(events.body, /"status":"expired"/);
});

test('with a retention of 0 days a finished job is due at once', async () => {
  const zero = await createTestApp({ env: { LOUDNESS_RETENTION_DAYS: '0' }, workers: true });
  try {
    const user = await signUp(zero);
    const body = multipartBody([{ name: 'presetId', value: 'youtube' }, { name: 'file', filename: 'mix.wav', data: shortMix }]);
    const res = await zero.request({ method: 'POST', url: '/api/loudness/jobs', token: user.accessToken, ...body });
    assert.equal(res.statusCode, 202, res.body);
    const id = res.json().job.id;
    const events = await zero.request({ method: 'GET', url: `/api/loudness/jobs/${id}/events`, token: user.accessToken });
    assert.match(events.body, /"status":"completed"/, events.body);
    const keys = (await zero.ctx.database.db.selectFrom('audio_files').select('storage_key').where('job_id', '=', id).execute()).map((r) => r.storage_key);
    assert.deepEqual(await expireLoudnessJobs(zero.ctx), { expired: 1 });
    for (const key of keys) assert.equal(await zero.ctx.storage.head(key), null);
  } finally {
    await zero.close();
  }
});
