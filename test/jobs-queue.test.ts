// The job queue against a real database (PGlite by default, Postgres with DATABASE_URL): the public
// row and the pg-boss job commit or roll back together, retries back off and end in one final
// failure, and a stale attempt can never overwrite what a newer one recorded.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { completeAttempt, failAttempt, markFinallyFailed, startAttempt } from '../src/jobs/job-rows.ts';
import type { JobQueue } from '../src/jobs/index.ts';
import { testQueue, waitFor } from './fixtures/job-queue-support.ts';
import { usingRealPostgres } from './helpers/test-database.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
const queues: JobQueue[] = [];

before(async () => {
  t = await createTestApp();
});
after(async () => {
  for (const q of queues) await q.stop({ graceful: false });
  await t.close();
});

async function queue(policies: Parameters<typeof testQueue>[1]): Promise<JobQueue> {
  const q = await testQueue(t.ctx.database, policies);
  queues.push(q);
  return q;
}

async function bossJobCount(id: string): Promise<number> {
  const { rows } = await t.ctx.database.pool.query('SELECT count(*)::int AS n FROM pgboss.job WHERE id = $1', [id]);
  return rows[0].n;
}

async function rolledBackStillAbsent(id: string): Promise<boolean> {
  return (await t.ctx.jobs.getJob(id)) === null && (await bossJobCount(id)) === 0;
}

test('an enqueue rolls back with its transaction; a committed one runs to completion', async () => {
  const jobs = await queue({ 'test.echo': { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 30 } });
  jobs.work<{ n: number }>('test.echo', async (job) => {
    await job.progress(40, 'doubling');
    return { doubled: job.data.n * 2 };
  });
  const db = t.ctx.database.db;

  let rolledBack = '';
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      rolledBack = (await jobs.enqueue(trx, 'test.echo', { n: 1 })).id;
      throw new Error('caller changed its mind');
    }),
    /caller changed its mind/,
  );
  assert.equal(await rolledBackStillAbsent(rolledBack), true);

  const committed = await db.transaction().execute((trx) => jobs.enqueue(trx, 'test.echo', { n: 21 }));
  assert.equal(committed.status, 'queued');
  assert.equal((await jobs.getJob(committed.id))?.status, 'queued');
  assert.equal(await bossJobCount(committed.id), 1);

  await jobs.startWorkers();
  const done = await waitFor('completion', async () => {
    const job = await jobs.getJob(committed.id);
    return job?.status === 'completed' && job;
  });
  assert.equal(done.progress, 100);
  assert.equal(done.attempt, 1);
  assert.equal(done.message, 'doubling');
  assert.deepEqual(done.result, { doubled: 42 });
  assert.equal(await rolledBackStillAbsent(rolledBack), true);
});

test('retries back off, then one final failure: status failed with the error, onFinalFailure once', async () => {
  const jobs = await queue({ 'test.flaky': { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: true, expireInSeconds: 30 } });
  const attempts: { attempt: number; at: number }[] = [];
  const finalFailures: { id: string; data: unknown; error: string }[] = [];
  jobs.work<{ song: string }>(
    'test.flaky',
    async (job) => {
      attempts.push({ attempt: job.attempt, at: Date.now() });
      throw new Error(`engine unavailable (attempt ${job.attempt})`);
    },
    { onFinalFailure: async (job) => void finalFailures.push(job) },
  );
  await jobs.startWorkers();
  const { id } = await jobs.enqueue(t.ctx.database.db, 'test.flaky', { song: 'demo' });

  const failed = await waitFor('final failure', async () => {
    const job = await jobs.getJob(id);
    return job?.status === 'failed' && finalFailures.length > 0 && job;
  });
  assert.deepEqual(
    attempts.map((a) => a.attempt),
    [1, 2, 3],
  );
  // Exponential: the first retry waits 1–2 s, the second 2–4 s (polling adds up to half a second).
  assert.ok(attempts[1].at - attempts[0].at >= 900, `first delay ${attempts[1].at - attempts[0].at} ms`);
  assert.ok(attempts[2].at - attempts[1].at >= 1900, `second delay ${attempts[2].at - attempts[1].at} ms`);
  assert.equal(failed.error, 'engine unavailable (attempt 3)');
  assert.equal(failed.attempt, 3);

  // Give a duplicate dead-letter delivery time to show up; there must be none.
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(finalFailures.length, 1);
  assert.deepEqual(finalFailures[0], { id, data: { song: 'demo' }, error: 'engine unavailable (attempt 3)' });
  assert.equal((await jobs.getJob(id))?.status, 'failed');
});

test('a stale attempt’s progress and result are ignored once a newer attempt took over', async () => {
  // expireInSeconds: 1 makes pg-boss give up on attempt 1 while its handler is still running.
  const jobs = await queue({ 'test.slow': { retryLimit: 1, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 1 } });
  let releaseFirst!: () => void;
  const firstMayFinish = new Promise<void>((r) => (releaseFirst = r));
  let firstReturned = false;
  jobs.work('test.slow', async (job) => {
    if (job.attempt === 1) {
      await firstMayFinish;
      await job.progress(55, 'late progress from attempt 1');
      firstReturned = true;
      return { from: 1 };
    }
    await job.progress(80, 'attempt 2 working');
    return { from: 2 };
  });
  await jobs.startWorkers();
  const { id } = await jobs.enqueue(t.ctx.database.db, 'test.slow', {});

  const second = await waitFor('attempt 2 to complete', async () => {
    const job = await jobs.getJob(id);
    return job?.status === 'completed' && job;
  });
  assert.equal(second.attempt, 2);
  assert.deepEqual(second.result, { from: 2 });

  releaseFirst();
  await waitFor('attempt 1 to return', async () => firstReturned);
  await new Promise((r) => setTimeout(r, 300));
  const final = await jobs.getJob(id);
  assert.equal(final?.status, 'completed');
  assert.equal(final?.attempt, 2);
  assert.equal(final?.progress, 100);
  assert.equal(final?.message, 'attempt 2 working');
  assert.deepEqual(final?.result, { from: 2 });
});

test('rescue and completion racing never move a completed job back', async () => {
  const db = t.ctx.database.db;
  const rounds = usingRealPostgres ? 500 : 100;
  const ids: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const id = crypto.randomUUID();
    ids.push(id);
    await db.insertInto('jobs').values({ id, queue: 'test.race', owner_id: null }).execute();
    assert.equal((await startAttempt(db, id, 1)).outcome, 'started');
  }
  // Attempt 1 completes while a rescuer hands the job to attempt 2, which fails and is finally failed.
  await Promise.all(
    ids.map(async (id) => {
      const rescue = async () => {
        const started = await startAttempt(db, id, 2);
        if (started.outcome === 'started') {
          await failAttempt(db, id, 2, 'rescued attempt failed', true);
          await markFinallyFailed(db, id, 2, 'rescued attempt failed');
        }
        return started.outcome;
      };
      const [completed, rescued] = await Promise.all([completeAttempt(db, id, 1, { ok: true }), rescue()]);
      // Exactly one side wins: the completion (the rescue then sees a completed job), or the rescue.
      assert.equal(completed, rescued === 'completed', `job ${id}: completed=${completed} rescue=${rescued}`);
      // A late write from either side afterwards changes nothing.
      await completeAttempt(db, id, 1, { late: true });
      await markFinallyFailed(db, id, 2, 'late final failure');
    }),
  );
  const rows = await db
    .selectFrom('jobs')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('id', 'in', ids)
    .groupBy('status')
    .execute();
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  assert.equal((byStatus.completed ?? 0) + (byStatus.failed ?? 0), rounds);
  const completedRows = await db.selectFrom('jobs').select(['result', 'progress']).where('id', 'in', ids).where('status', '=', 'completed').execute();
  for (const row of completedRows) {
    assert.deepEqual(row.result, { ok: true });
    assert.equal(row.progress, 100);
  }
});

test('a periodic housekeeping task runs until the queue stops, and not after', async () => {
  const q = await queue({ 'test.periodic': { retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 60 } });
  let runs = 0;
  q.every(30, async () => {
    runs++;
  }, 10);
  await waitFor('three runs', async () => runs >= 3, 5_000);
  await q.stop({ graceful: false });
  const atStop = runs;
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(runs, atStop);
});
