// A worker killed mid-job: its attempt stops heartbeating, the supervisor fails it after
// heartbeatSeconds, and another worker runs attempt 2 to completion.
//
// - Real Postgres: the first worker is a separate process (test/fixtures/job-worker.ts) killed with
//   SIGKILL while its handler runs. This proves recovery from an actual dead process: no shutdown
//   code, no in-process catch, only the database's view of a silent worker.
// - PGlite: a second process cannot open the same database, so the first worker runs in this process
//   over a handle that starts failing every statement (killable()), and its handler never returns.
//   That is what the database sees of a dead process (no heartbeats, no completion, no failure); it
//   proves the same supervisor path, but not an OS-level kill.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { JobQueue } from '../src/jobs/index.ts';
import { CRASH_QUEUE, CRASH_QUEUES, killable, testQueue, waitFor } from './fixtures/job-queue-support.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { usingRealPostgres } from './helpers/test-database.ts';

let t: TestApp;
const queues: JobQueue[] = [];

before(async () => {
  t = await createTestApp();
});
after(async () => {
  for (const q of queues) await q.stop({ graceful: false }).catch(() => {});
  await t.close();
});

/** The surviving worker (workers not started yet): attempt 2 and later complete at once. */
async function createSurvivor(): Promise<JobQueue> {
  const survivor = await testQueue(t.ctx.database, CRASH_QUEUES);
  queues.push(survivor);
  survivor.work(CRASH_QUEUE, async (job) => {
    await job.progress(90, `attempt ${job.attempt} in the survivor`);
    return { attempt: job.attempt };
  });
  return survivor;
}

async function waitForRecovery(id: string) {
  const done = await waitFor(
    'the job to be retried and completed',
    async () => {
      const job = await t.ctx.jobs.getJob(id);
      return job?.status === 'completed' && job;
    },
    30_000,
  );
  assert.equal(done.attempt, 2);
  assert.deepEqual(done.result, { attempt: 2 });
  assert.equal(done.progress, 100);
}

test('a worker process killed mid-job: the job is retried and completes (real Postgres)', { skip: !usingRealPostgres }, async () => {
  const { rows } = await t.ctx.database.pool.query<{ db: string }>('SELECT current_database() AS db');
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${rows[0].db}`;
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/job-worker.ts', import.meta.url))], {
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  try {
    await waitFor('the worker process to start', async () => output.includes('ready'), 30_000);
    const survivor = await createSurvivor();
    const { id } = await survivor.enqueue(t.ctx.database.db, CRASH_QUEUE, {});
    await waitFor('attempt 1 to start in the child', async () => output.includes(`started ${id} 1`));
    const running = await t.ctx.jobs.getJob(id);
    assert.equal(running?.status, 'running');
    assert.match(running?.message ?? '', new RegExp(`pid ${child.pid}`));

    child.kill('SIGKILL');
    await exited;
    await survivor.startWorkers();
    await waitForRecovery(id);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

test('a worker that dies mid-job: the job is retried and completes (embedded, emulated death)', { skip: usingRealPostgres }, async () => {
  const doomed = killable(t.ctx.database);
  const first = await testQueue(doomed, CRASH_QUEUES);
  queues.push(first);
  let started = false;
  let unblock!: () => void;
  first.work(CRASH_QUEUE, async (job) => {
    await job.progress(30, 'attempt 1 in the doomed worker');
    started = true;
    await new Promise<void>((r) => (unblock = r));
    return { attempt: job.attempt };
  });
  await first.startWorkers();
  const survivor = await createSurvivor();
  const { id } = await survivor.enqueue(t.ctx.database.db, CRASH_QUEUE, {});
  await waitFor('attempt 1 to start', async () => started);
  doomed.kill();

  await survivor.startWorkers();
  await waitForRecovery(id);
  // The dead worker's handler returning now changes nothing: its statements cannot reach the database.
  unblock();
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual((await t.ctx.jobs.getJob(id))?.result, { attempt: 2 });
});
