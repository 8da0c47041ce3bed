// The job status API: GET /api/jobs/:id for the owner or an admin (404 for anyone else), and
// GET /api/jobs/:id/events streaming progress as Server-Sent Events until the job ends.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { JobQueue } from '../src/jobs/index.ts';
import { testQueue, waitFor } from './fixtures/job-queue-support.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { createApiKey, signUp, type TestUser } from './helpers/users.ts';

let t: TestApp;
let jobs: JobQueue;
let owner: TestUser;
let stranger: TestUser;
let admin: TestUser;
const gates = new Map<string, () => void>();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  t = await createTestApp();
  [owner, stranger, admin] = [await signUp(t), await signUp(t), await signUp(t)];
  await t.ctx.database.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
  jobs = await testQueue(t.ctx.database, {
    'test.render': { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60 },
  });
  // Data decides the behaviour: wait for the test to open the gate, report progress in steps, fail.
  jobs.work<{ gate?: boolean; steps?: number; fail?: string }>('test.render', async (job) => {
    if (job.data.gate) await new Promise<void>((r) => gates.set(job.id, r));
    for (let step = 1; step <= (job.data.steps ?? 0); step++) {
      await job.progress((step * 100) / ((job.data.steps ?? 0) + 1), `step ${step}`);
      await sleep(500);
    }
    if (job.data.fail) throw new Error(job.data.fail);
    return { ok: true };
  });
  await jobs.startWorkers();
});
after(async () => {
  for (const open of gates.values()) open();
  await jobs.stop({ graceful: false });
  await t.close();
});

async function enqueue(data: object, ownerId: string | null = owner.id): Promise<string> {
  return (await jobs.enqueue(t.ctx.database.db, 'test.render', data, { ownerId })).id;
}

function parseEvents(body: string): any[] {
  return body
    .split('\n\n')
    .flatMap((block) => block.split('\n').filter((line) => line.startsWith('data: ')))
    .map((line) => JSON.parse(line.slice('data: '.length)));
}

test('GET /api/jobs/:id: the owner and admins see the job, nobody else does', async () => {
  const id = await enqueue({ gate: true });
  const res = await t.request({ method: 'GET', url: `/api/jobs/${id}`, token: owner.accessToken });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.deepEqual(Object.keys(body).sort(), ['createdAt', 'id', 'progress', 'queue', 'status', 'updatedAt']);
  assert.equal(body.id, id);
  assert.equal(body.queue, 'test.render');
  assert.ok(['queued', 'running'].includes(body.status));
  assert.equal(body.progress, 0);
  assert.equal(new Date(body.createdAt).toISOString(), body.createdAt);

  const byKey = await t.request({ method: 'GET', url: `/api/jobs/${id}`, apiKey: await createApiKey(t, owner) });
  assert.equal(byKey.statusCode, 200, byKey.body);
  const byAdmin = await t.request({ method: 'GET', url: `/api/jobs/${id}`, token: admin.accessToken });
  assert.equal(byAdmin.statusCode, 200, byAdmin.body);

  for (const url of [`/api/jobs/${id}`, `/api/jobs/${crypto.randomUUID()}`, '/api/jobs/not-a-uuid']) {
    const res404 = await t.request({ method: 'GET', url, token: stranger.accessToken });
    assert.equal(res404.statusCode, 404, `${url}: ${res404.body}`);
    assert.equal(res404.json().error.code, 'not_found');
  }
  const anonymous = await t.request({ method: 'GET', url: `/api/jobs/${id}` });
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().error.code, 'unauthorized');

  // A job nobody owns is visible to admins only.
  const unowned = await enqueue({}, null);
  assert.equal((await t.request({ method: 'GET', url: `/api/jobs/${unowned}`, token: owner.accessToken })).statusCode, 404);
  assert.equal((await t.request({ method: 'GET', url: `/api/jobs/${unowned}`, token: admin.accessToken })).statusCode, 200);

  await waitFor('the gated job to start', async () => gates.get(id));
  gates.get(id)!();
  await waitFor('completion', async () => (await jobs.getJob(id))?.status === 'completed');
  const done = (await t.request({ method: 'GET', url: `/api/jobs/${id}`, token: owner.accessToken })).json();
  assert.equal(done.status, 'completed');
  assert.equal(done.progress, 100);
});

test('GET /api/jobs/:id/events streams progress, then the final event, then ends', async () => {
  const id = await enqueue({ steps: 3 });
  const res = await t.request({ method: 'GET', url: `/api/jobs/${id}/events`, token: owner.accessToken });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^text\/event-stream/);
  const events = parseEvents(res.body);
  assert.ok(events.length >= 3, res.body);
  for (const e of events) assert.equal(e.id, id);
  const progress = events.filter((e) => e.status === 'running' && e.progress > 0 && e.progress < 100);
  assert.ok(progress.length >= 2, `expected progress events, got ${res.body}`);
  assert.deepEqual(
    progress.map((e) => e.progress),
    [...progress.map((e) => e.progress)].sort((a, b) => a - b),
  );
  assert.match(progress[0].message, /^step \d$/);
  assert.deepEqual(events.at(-1), { id, status: 'completed', progress: 100, message: 'step 3' });
  assert.equal(events.filter((e) => e.status === 'completed').length, 1);
});

test('the event stream of a failing job ends with the error', async () => {
  const id = await enqueue({ steps: 1, fail: 'the synth caught fire' });
  const res = await t.request({ method: 'GET', url: `/api/jobs/${id}/events`, token: admin.accessToken });
  assert.equal(res.statusCode, 200);
  const last = parseEvents(res.body).at(-1);
  assert.equal(last.status, 'failed');
  assert.equal(last.error, 'the synth caught fire');
});

test('the event stream refuses strangers and anonymous callers before streaming', async () => {
  const id = await enqueue({});
  const res = await t.request({ method: 'GET', url: `/api/jobs/${id}/events`, token: stranger.accessToken });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, 'not_found');
  assert.equal((await t.request({ method: 'GET', url: `/api/jobs/${id}/events` })).statusCode, 401);
  assert.equal((await t.request({ method: 'GET', url: '/api/jobs/nope/events', token: owner.accessToken })).statusCode, 404);
});

test('a client that disconnects stops the polling', async () => {
  const id = await enqueue({ gate: true });
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  let reads = 0;
  const getJob = t.ctx.jobs.getJob;
  t.ctx.jobs.getJob = async (jobId) => {
    if (jobId === id) reads++;
    return getJob(jobId);
  };
  try {
    const abort = new AbortController();
    const res = await fetch(`${address}/api/jobs/${id}/events`, {
      headers: { authorization: `Bearer ${owner.accessToken}` },
      signal: abort.signal,
    });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    assert.match(first, /retry: \d+|data: /);
    await waitFor('a few polls', async () => reads >= 3);
    abort.abort();
    await sleep(300);
    const afterDisconnect = reads;
    await sleep(1200);
    assert.ok(reads <= afterDisconnect + 1, `still polling after disconnect: ${afterDisconnect} → ${reads}`);
  } finally {
    t.ctx.jobs.getJob = getJob;
    await waitFor('the gated job to start', async () => gates.get(id));
    gates.get(id)!();
  }
});
