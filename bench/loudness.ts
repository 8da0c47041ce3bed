// Loudness benchmark: our analyze and normalize against ffmpeg's ebur128 and two-pass loudnorm
// on a cached 60-minute stereo 44.1 kHz 16-bit music-like WAV. Run: npm run bench:loudness

import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { writeMusicLikeWav } from './music-signal.ts';
import { runMeasured, type MeasuredRun } from './run-measured.ts';

const MINUTES = 60;
const CACHE = '.bench-cache';
const INPUT = join(CACHE, `music-${MINUTES}min-44k1-16bit.wav`);
const EXPECTED_BYTES = MINUTES * 60 * 44100 * 4;
const TARGET = { lufs: -14, truePeak: -1 };
const GOALS = { analyzeSpeedup: 4, normalizeSpeedup: 8, analyzeRssMb: 150 };

function requireFfmpeg(): void {
  const probe = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    console.error('ffmpeg is needed for the comparison. Install it with:\n  apt-get update && apt-get install -y ffmpeg');
    process.exit(1);
  }
}

/** Our CLI: bin/backbeat when it exists and has the loudness commands, else a minimal entry. */
function ourCli(): string[] {
  if (existsSync('bin/backbeat')) {
    const probe = spawnSync('bin/backbeat', ['loudness', '--help'], { stdio: 'ignore' });
    if (probe.status === 0) return ['bin/backbeat'];
  }
  return [process.execPath, '--import', 'tsx', 'src/cli/loudness.harness.ts'];
}

async function ensureInput(): Promise<void> {
  if (existsSync(INPUT) && statSync(INPUT).size >= EXPECTED_BYTES) return;
  mkdirSync(CACHE, { recursive: true });
  console.log(`generating ${INPUT} (once) …`);
  const started = performance.now();
  const partial = `${INPUT}.partial`;
  await writeMusicLikeWav(partial, MINUTES);
  renameSync(partial, INPUT);
  console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Reads the file once so that every contender starts with it in the page cache. */
function warmCache(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    createReadStream(path, { highWaterMark: 1 << 22 })
      .on('data', () => undefined)
      .on('end', resolve)
      .on('error', reject);
  });
}

function check(run: MeasuredRun, what: string): MeasuredRun {
  if (run.code !== 0) {
    console.error(`${what} failed (exit ${run.code}):\n${run.stderr.slice(-2000)}`);
    process.exit(1);
  }
  return run;
}

function lastJsonObject(text: string): Record<string, string> {
  const start = text.lastIndexOf('{');
  const end = text.lastIndexOf('}');
  return JSON.parse(text.slice(start, end + 1));
}

function ebur128Summary(stderr: string): { integrated: number; truePeak: number } {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const num = (re: RegExp) => Number(re.exec(summary)?.[1]);
  return { integrated: num(/I:\s+(-?[\d.]+) LUFS/), truePeak: num(/Peak:\s+(-?[\d.]+) dBFS/) };
}

const fmt = (x: number | null | undefined, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits));
const row = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(30) : c.padStart(12))).join(''));
const load = () => loadavg()[0].toFixed(2);

async function main(): Promise<void> {
  requireFfmpeg();
  await ensureInput();
  await warmCache(INPUT);
  const cli = ourCli();
  const node = cli[0];
  const cliArgs = cli.slice(1);
  const ourOut = join(CACHE, 'ours-normalized.wav');
  const ffOut = join(CACHE, 'ffmpeg-normalized.wav');
  console.log(`input: ${INPUT} (${MINUTES} min, stereo, 44.1 kHz, 16-bit); our CLI: ${cli.join(' ')}`);
  console.log(`load average at start: ${load()} (other work on the machine slows every contender)\n`);

  console.log('analyze …');
  const ours = check(await runMeasured(node, [...cliArgs, 'loudness', 'analyze', INPUT, '--json']), 'our analyze');
  const oursReport = JSON.parse(ours.stdout);
  const ff = check(
    await runMeasured('ffmpeg', ['-nostats', '-hide_banner', '-i', INPUT, '-af', 'ebur128=peak=true', '-f', 'null', '-']),
    'ffmpeg ebur128',
  );
  const ffReport = ebur128Summary(ff.stderr);

  console.log('normalize …');
  const oursNorm = check(
    await runMeasured(node, [
      ...cliArgs,
      ...['loudness', 'normalize', INPUT, ourOut, '--target', String(TARGET.lufs), '--true-peak', String(TARGET.truePeak)],
      ...['--format', 'wav', '--json'],
    ]),
    'our normalize',
  );
  const oursNormReport = JSON.parse(oursNorm.stdout);
  const loudnorm = `loudnorm=I=${TARGET.lufs}:TP=${TARGET.truePeak}`;
  const pass1 = check(
    await runMeasured('ffmpeg', ['-nostats', '-hide_banner', '-i', INPUT, '-af', `${loudnorm}:print_format=json`, '-f', 'null', '-']),
    'ffmpeg loudnorm pass 1',
  );
  const m = lastJsonObject(pass1.stderr);
  const measured = `measured_I=${m.input_i}:measured_TP=${m.input_tp}:measured_LRA=${m.input_lra}:measured_thresh=${m.input_thresh}:offset=${m.target_offset}`;
  const pass2 = check(
    await runMeasured('ffmpeg', [
      ...['-y', '-nostats', '-hide_banner', '-i', INPUT],
      ...['-af', `${loudnorm}:linear=true:${measured}:print_format=json`, '-ar', '44100', ffOut],
    ]),
    'ffmpeg loudnorm pass 2',
  );
  const p2 = lastJsonObject(pass2.stderr);
  rmSync(ourOut, { force: true });
  rmSync(ffOut, { force: true });

  const ffNormWall = pass1.wallSeconds + pass2.wallSeconds;
  const ffNormRss = Math.max(pass1.peakRssMb ?? 0, pass2.peakRssMb ?? 0);
  const ffNormCpu = pass1.cpuSeconds === null || pass2.cpuSeconds === null ? null : pass1.cpuSeconds + pass2.cpuSeconds;
  const analyzeSpeedup = ff.wallSeconds / ours.wallSeconds;
  const normalizeSpeedup = ffNormWall / oursNorm.wallSeconds;

  console.log('');
  row(['', 'wall s', 'cpu s', 'peak RSS MB', 'integrated', 'true peak']);
  row([
    'analyze: backbeat',
    fmt(ours.wallSeconds),
    fmt(ours.cpuSeconds),
    fmt(ours.peakRssMb, 0),
    fmt(oursReport.integratedLufs),
    fmt(oursReport.truePeakDbtp),
  ]);
  row(['analyze: ffmpeg ebur128', fmt(ff.wallSeconds), fmt(ff.cpuSeconds), fmt(ff.peakRssMb, 0), fmt(ffReport.integrated), fmt(ffReport.truePeak)]);
  row([
    'normalize: backbeat',
    fmt(oursNorm.wallSeconds),
    fmt(oursNorm.cpuSeconds),
    fmt(oursNorm.peakRssMb, 0),
    fmt(oursNormReport.output.integratedLufs),
    fmt(oursNormReport.output.truePeakDbtp),
  ]);
  row(['normalize: ffmpeg loudnorm x2', fmt(ffNormWall), fmt(ffNormCpu), fmt(ffNormRss, 0), fmt(Number(p2.output_i)), fmt(Number(p2.output_tp))]);
  console.log(
    `\nbackbeat normalize: gain ${fmt(oursNormReport.gainDb)} dB, limiter ${oursNormReport.limiter.engaged ? `engaged (max ${fmt(oursNormReport.limiter.maxReductionDb)} dB)` : 'not engaged'}; ` +
      `loudnorm pass 2 used ${p2.normalization_type} normalization`,
  );
  console.log(`ffmpeg loudnorm pass 1: ${fmt(pass1.wallSeconds)} s, pass 2: ${fmt(pass2.wallSeconds)} s`);
  console.log(`load average at end: ${load()}\n`);

  const results: [string, boolean][] = [
    [`analyze ≥${GOALS.analyzeSpeedup}× faster than ffmpeg ebur128: ${fmt(analyzeSpeedup, 1)}×`, analyzeSpeedup >= GOALS.analyzeSpeedup],
    [`normalize ≥${GOALS.normalizeSpeedup}× faster than two-pass loudnorm: ${fmt(normalizeSpeedup, 1)}×`, normalizeSpeedup >= GOALS.normalizeSpeedup],
    [
      `analyze peak RSS ≤${GOALS.analyzeRssMb} MB: ${fmt(ours.peakRssMb, 0)} MB`,
      ours.peakRssMb !== null && ours.peakRssMb <= GOALS.analyzeRssMb,
    ],
  ];
  for (const [label, ok] of results) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
  if (results.some(([, ok]) => !ok)) process.exitCode = 1;
}

await main();
