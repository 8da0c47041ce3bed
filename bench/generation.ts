// Generation benchmark, two figures:
// 1. Render: the built-in engine's 3-minute song (bench/generation-render.ts, judged on CPU time;
//    goal ≥ 180× real time), plus one full take as the worker makes it (render + master to −14 LUFS).
// 2. Admission: createGeneration (idempotency-free request, 2 takes: wallet, song + takes, job, debit,
//    each request atomic) on real Postgres, against `pgbench -b simple-update` at the same client
//    count, in alternating rounds of the same run. Goal ≥ 50 % of pgbench's tps (medians).
// Run: npm run bench:generation  (BENCH_DATABASE_URL or DATABASE_URL = a server where databases may
// be created; BENCH_CLIENTS = client counts, default "8,32"; BENCH_SECONDS per round, default 5;
// BENCH_ROUNDS, default 5). Without a server only the render figures are printed.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { normalizeFile } from '../src/audio/normalize/index.ts';
import { loadConfig } from '../src/config.ts';
import { closeContext, createContext } from '../src/create-context.ts';
import { createLogger } from '../src/logger.ts';
import { ensureWallet } from '../src/modules/credits/ensure-wallet.ts';
import { recordLedgerEntry } from '../src/modules/credits/record-ledger-entry.ts';
import { createGeneration } from '../src/modules/generation/create-generation.ts';
import { proceduralEngine } from '../src/modules/generation/engines/procedural-engine.ts';
import { runMeasured } from './run-measured.ts';

const CLIENTS = (process.env.BENCH_CLIENTS ?? '8,32').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;

async function renderFigures(): Promise<boolean> {
  const engineRun = await runMeasured(process.execPath, ['--import', 'tsx', 'bench/generation-render.ts']);
  process.stdout.write(engineRun.stdout);
  const dir = mkdtempSync(join(tmpdir(), 'bench-gen-'));
  try {
    const input = {
      songId: randomUUID(), variationId: randomUUID(), position: 0, userId: null, task: 'text2music' as const,
      prompt: 'upbeat pop song at 120 bpm with piano and pads', lyrics: null, title: 'bench', durationSeconds: 180, seed: 2024, region: null, parent: null,
    };
    const started = performance.now();
    const take = await proceduralEngine.render(input, { workDir: dir, signal: new AbortController().signal, log: async () => {}, progress: async () => {} });
    const rendered = performance.now();
    const report = await normalizeFile(take.filePath, join(dir, 'master.flac'), { targetLufs: -14, truePeakDbtp: -1, format: 'flac', bitDepth: 16 });
    const mastered = performance.now();
    console.log(
      `worker take (180 s): render+wav ${((rendered - started) / 1000).toFixed(2)} s, master to 16-bit flac ${((mastered - rendered) / 1000).toFixed(2)} s ` +
        `(${report.output.integratedLufs?.toFixed(2)} LUFS, ${report.output.truePeakDbtp?.toFixed(2)} dBTP, ${report.passes} pass)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return engineRun.code === 0;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function recreate(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
}

interface AdmissionRig {
  /** Requests a second with `clients` concurrent callers, each paying for its own wallet. */
  run(clients: number, seconds: number): Promise<{ perSecond: number; cpuMsPerRequest: number }>;
  close(): Promise<void>;
}

async function admissionRig(url: string, maxClients: number): Promise<AdmissionRig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-gen-data-'));
  const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir, JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789', LOG_LEVEL: 'silent' });
  const ctx = await createContext(config, createLogger('silent'));
  // One user per client, as pgbench's clients update random (mostly distinct) accounts.
  const users: string[] = [];
  for (let i = 0; i < maxClients; i++) {
    const user = await ctx.database.db.insertInto('users').values({ email: `bench-${i}-${randomUUID()}@example.com`, password_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
    await ensureWallet(ctx.database.db, user.id, ctx.config.credits);
    await recordLedgerEntry(ctx.database.db, { userId: user.id, amount: 1_000_000_000, reason: 'topup' });
    users.push(user.id);
  }
  const request = { prompt: 'bench song', task: 'text2music' as const, durationSeconds: 30, variations: 2 };
  for (const userId of users) await createGeneration(ctx, { userId, request }); // warm-up
  return {
    async run(clients, seconds) {
      let done = 0;
      const deadline = performance.now() + seconds * 1000;
      const started = performance.now();
      const cpu = process.cpuUsage();
      await Promise.all(
        users.slice(0, clients).map(async (userId) => {
          while (performance.now() < deadline) {
            await createGeneration(ctx, { userId, request });
            done++;
          }
        }),
      );
      const wall = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      return { perSecond: done / wall, cpuMsPerRequest: (used.user + used.system) / done / 1000 };
    },
    async close() {
      await closeContext(ctx);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function pgbenchTps(url: string, clients: number, seconds: number): number {
  const out = execFileSync('pgbench', ['-b', 'simple-update', '-c', String(clients), '-j', '2', '-T', String(seconds), url], { encoding: 'utf8' });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
  if (!m) throw new Error(`could not read pgbench's tps from:\n${out}`);
  return Number(m[1]);
}

const renderOk = process.env.BENCH_SKIP_RENDER ? true : await renderFigures();
let admissionOk = true;
if (!SERVER) {
  console.log('admission: skipped (set BENCH_DATABASE_URL or DATABASE_URL to a Postgres server)');
} else {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  try {
    await recreate(admin, 'backbeat_bench_generation');
    await recreate(admin, 'backbeat_bench_pgbench');
    const pgbenchUrl = withDatabase(SERVER, 'backbeat_bench_pgbench');
    execFileSync('pgbench', ['-i', '-q', '-s', '10', pgbenchUrl], { stdio: 'ignore' });
    const rig = await admissionRig(withDatabase(SERVER, 'backbeat_bench_generation'), Math.max(...CLIENTS));
    try {
      for (const clients of CLIENTS) {
        // Rounds alternate between the two, so a burst of load from elsewhere hits both alike.
        const ours: number[] = [];
        const theirs: number[] = [];
        let cpu = 0;
        for (let round = 0; round < ROUNDS; round++) {
          const run = await rig.run(clients, SECONDS);
          ours.push(run.perSecond);
          cpu += run.cpuMsPerRequest / ROUNDS;
          theirs.push(pgbenchTps(pgbenchUrl, clients, SECONDS));
        }
        const ratio = median(ours) / median(theirs);
        const ok = ratio >= 0.5;
        admissionOk &&= ok;
        console.log(
          `admission, ${String(clients).padStart(2)} clients: ${median(ours).toFixed(0)} req/s (rounds ${ours.map((n) => n.toFixed(0)).join(', ')}; ` +
            `${cpu.toFixed(2)} ms CPU per request in this process) vs pgbench -b simple-update ${median(theirs).toFixed(0)} tps ` +
            `(rounds ${theirs.map((n) => n.toFixed(0)).join(', ')}): ${(ratio * 100).toFixed(0)} % (goal ≥ 50 %) ${ok ? 'OK' : 'BELOW GOAL'}`,
        );
      }
    } finally {
      await rig.close();
    }
  } finally {
    await admin.query('DROP DATABASE IF EXISTS backbeat_bench_generation WITH (FORCE)').catch(() => {});
    await admin.query('DROP DATABASE IF EXISTS backbeat_bench_pgbench WITH (FORCE)').catch(() => {});
    await admin.end();
  }
}
process.exitCode = renderOk && admissionOk ? 0 : 1;
