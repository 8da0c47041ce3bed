// Loudness service throughput: ten uploaded 10-minute stereo mixes normalized to Spotify by one and
// then by two `backbeat worker` processes, against real Postgres, with the API served by
// `backbeat serve --no-workers`. Prints jobs per minute. Run: DATABASE_URL=postgres://… npm run bench:loudness-service
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { writeTestMix } from '../src/modules/loudness/testing/write-test-mix.ts';
import { BIN, freePort } from '../test/helpers/processes.ts';

const JOBS = 10;
const MINUTES = 10;
const CACHE = '.bench-cache';
const INPUT = join(CACHE, `loudness-service-mix-${MINUTES}min.wav`);

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) {
  console.error('Set DATABASE_URL to a Postgres server (a database of its own is created and dropped).');
  process.exit(1);
}

const children: ChildProcess[] = [];
function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function waitForHealthy(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error('server did not become healthy');
}

async function main(): Promise<void> {
  if (!existsSync(INPUT)) {
    mkdirSync(CACHE, { recursive: true });
    console.log(`generating ${INPUT} (once) …`);
    await writeTestMix(INPUT, { seconds: MINUTES * 60 });
  }
  const mix = readFileSync(INPUT);
  console.log(`input: ${MINUTES}-minute stereo 44.1 kHz 16-bit WAV, ${(statSync(INPUT).size / 1e6).toFixed(0)} MB; ${JOBS} jobs per round`);

  const name = `bb_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  const dbUrl = new URL(baseUrl!);
  dbUrl.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: dbUrl.toString(),
    DATA_DIR: dataDir,
    PORT: String(port),
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789abcdef',
    REQUIRE_EMAIL_CONFIRMATION: 'false',
    LOG_LEVEL: 'warn',
  };
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  try {
    const api = start(['serve', '--no-workers'], env);
    await waitForHealthy(url);
    await db.connect();
    const signup = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-${randomUUID().slice(0, 8)}@example.com`, password: 'a long bench passphrase' }),
    }).then((r) => r.json() as Promise<{ user: { id: string }; accessToken: string }>);
    const key = await fetch(`${url}/api/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signup.accessToken}` },
      body: JSON.stringify({ name: 'bench' }),
    }).then((r) => r.json() as Promise<{ key: string }>);
    await db.query(`INSERT INTO loudness_tiers (user_id, tier) VALUES ($1, 'premium_plus')`, [signup.user.id]);

    const results: { workers: number; jobsPerMinute: number; wallSeconds: number; uploadMBps: number }[] = [];
    for (const workers of [1, 2]) {
      // Uploaded while no worker runs, so both rounds start from the same full queue.
      const uploadStart = performance.now();
      const ids: string[] = [];
      for (let i = 0; i < JOBS; i++) {
        const form = new FormData();
        form.set('presetId', 'spotify');
        form.set('file', new Blob([mix], { type: 'audio/wav' }), `mix-${i}.wav`);
        const res = await fetch(`${url}/api/loudness/jobs`, { method: 'POST', headers: { 'x-api-key': key.key }, body: form });
        if (res.status !== 202) throw new Error(`upload ${i}: ${res.status} ${await res.text()}`);
        ids.push(((await res.json()) as { job: { id: string } }).job.id);
      }
      const uploadSeconds = (performance.now() - uploadStart) / 1000;

      const started = performance.now();
      const procs = Array.from({ length: workers }, () => start(['worker'], env));
      for (;;) {
        const { rows } = await db.query<{ status: string; n: number }>(
          'SELECT status, count(*)::int AS n FROM processing_jobs WHERE id = ANY($1) GROUP BY status',
          [ids],
        );
        const done = rows.filter((r) => r.status === 'completed' || r.status === 'failed').reduce((n, r) => n + r.n, 0);
        if (rows.some((r) => r.status === 'failed')) throw new Error(`a job failed: ${JSON.stringify(rows)}`);
        if (done === ids.length) break;
        await sleep(500);
      }
      const wallSeconds = (performance.now() - started) / 1000;
      await Promise.all(procs.map(stop));
      const { rows } = await db.query<{ first: Date; last: Date; lufs: number }>(
        `SELECT min(started_at) AS first, max(completed_at) AS last, avg((output_stats->>'integratedLufs')::float8) AS lufs
         FROM processing_jobs WHERE id = ANY($1)`,
        [ids],
      );
      const busySeconds = (rows[0].last.getTime() - rows[0].first.getTime()) / 1000;
      const result = {
        workers,
        jobsPerMinute: Math.round((JOBS / busySeconds) * 60 * 100) / 100,
        wallSeconds: Math.round(wallSeconds * 10) / 10,
        uploadMBps: Math.round(((mix.length * JOBS) / 1e6 / uploadSeconds) * 10) / 10,
      };
      results.push(result);
      console.log(
        `${workers} worker process${workers > 1 ? 'es' : ''}: ${result.jobsPerMinute} jobs/min ` +
          `(first start → last completion ${busySeconds.toFixed(1)} s; wall incl. worker start ${result.wallSeconds} s; ` +
          `mean output ${Number(rows[0].lufs).toFixed(2)} LUFS; uploads ${result.uploadMBps} MB/s)`,
      );
    }
    console.log(`speed-up with two workers: ×${(results[1].jobsPerMinute / results[0].jobsPerMinute).toFixed(2)}`);
    await stop(api);
  } finally {
    await Promise.all(children.map(stop));
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
