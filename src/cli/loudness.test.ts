import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFileEncoder } from '../audio/encode/index.ts';
import { musicLike } from '../audio/dynamics/testing/test-signals.ts';
import { resolveFormat, resolveTarget } from './loudness.ts';

const entry = fileURLToPath(new URL('./loudness.harness.ts', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'loudness-cli-'));
test.after(() => rm(dir, { recursive: true, force: true }));

const ANALYSIS_KEYS = [
  'integratedLufs',
  'loudnessRangeLu',
  'truePeakDbtp',
  'samplePeakDbfs',
  'maxMomentaryLufs',
  'maxShortTermLufs',
  'durationSeconds',
  'sampleRate',
  'channels',
  'format',
];

function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'loudness', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function wav(name: string, channels: Float32Array[], sampleRate = 44100): Promise<string> {
  const path = join(dir, name);
  const enc = await createFileEncoder(path, { format: 'wav', sampleRate, channels: channels.length, bitDepth: 16, dither: 'none' });
  await enc.write({ channels, frames: channels[0].length });
  await enc.end();
  return path;
}

const musicPath = wav('music.wav', musicLike(3, 44100, 2, 0.6));
const silencePath = wav('silence.wav', [new Float32Array(48000)], 48000);

test('analyze --json prints exactly one JSON object with the documented fields', async () => {
  const r = await run('analyze', await musicPath, '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ANALYSIS_KEYS);
  assert.equal(out.sampleRate, 44100);
  assert.equal(out.channels, 2);
  assert.equal(out.format, 'wav');
  assert.ok(out.integratedLufs < -15 && out.integratedLufs > -30);
  assert.ok(Math.abs(out.durationSeconds - 3) < 0.01);
  assert.equal(r.stderr, '', 'no progress bar when stderr is not a terminal');
});

test('analyze --series adds one short-term value per second', async () => {
  const r = await run('analyze', await musicPath, '--json', '--series');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), [...ANALYSIS_KEYS, 'series']);
  assert.ok(Array.isArray(out.series) && out.series.length >= 2);
});

test('silence reports loudness as null', async () => {
  const r = await run('analyze', await silencePath, '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.integratedLufs, null);
  assert.equal(out.maxMomentaryLufs, null);
  assert.equal(out.truePeakDbtp, null);
  assert.equal(out.sampleRate, 48000);
});

test('analyze without --json prints a readable table', async () => {
  const r = await run('analyze', await musicPath);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Integrated\s+-\d+\.\d LUFS/);
  assert.match(r.stdout, /True peak\s+-\d+\.\d dBTP/);
});

test('bad input exits 2 with a one-line message', async () => {
  const junk = join(dir, 'junk.wav');
  await writeFile(junk, 'this is not audio at all, just text');
  for (const args of [
    ['analyze', junk],
    ['analyze', join(dir, 'missing.wav'), '--json'],
    ['normalize', junk, join(dir, 'o.wav')],
  ]) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('bad arguments exit 2', async () => {
  const input = await musicPath;
  for (const args of [
    ['normalize', input, join(dir, 'o.wav'), '--bit-depth', '20'],
    ['normalize', input, join(dir, 'o.wav'), '--preset', 'nope'],
    ['normalize', input, join(dir, 'o.wav'), '--target', 'loud'],
    ['normalize', input, join(dir, 'o.wav'), '--preset', 'apple', '--target', '-16'],
    ['normalize', input],
    ['analyze'],
  ]) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  }
  assert.ok(!(await readdir(dir)).includes('o.wav'));
});

test('normalize --json reports input, output, gain and limiter; format follows the extension', async () => {
  const out = join(dir, 'out.flac');
  const r = await run('normalize', await musicPath, out, '--target', '-16', '--true-peak', '-1.5', '--json');
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(report), ['input', 'output', 'gainDb', 'limiter']);
  assert.deepEqual(Object.keys(report.input), ANALYSIS_KEYS);
  assert.deepEqual(Object.keys(report.output), ANALYSIS_KEYS);
  assert.deepEqual(Object.keys(report.limiter), ['engaged', 'maxReductionDb']);
  assert.equal(report.output.format, 'flac');
  assert.ok(Math.abs(report.output.integratedLufs + 16) <= 0.1);
  assert.ok(report.output.truePeakDbtp <= -1.5);
  const check = await run('analyze', out, '--json');
  assert.equal(JSON.parse(check.stdout).format, 'flac');
});

test('normalize --help shows presets and examples', async () => {
  const r = await run('normalize', '--help');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /ebu-r128\s+-23 LUFS/);
  assert.match(r.stdout, /Examples:/);
});

test('target resolution: default spotify, --true-peak overrides, --target alone keeps -1 dBTP', () => {
  assert.deepEqual(resolveTarget({}), { targetLufs: -14, truePeakDbtp: -1 });
  assert.deepEqual(resolveTarget({ preset: 'club', truePeak: -1 }), { targetLufs: -7, truePeakDbtp: -1 });
  assert.deepEqual(resolveTarget({ target: -18 }), { targetLufs: -18, truePeakDbtp: -1 });
  assert.throws(() => resolveTarget({ preset: 'x' }));
  assert.equal(resolveFormat(undefined, 'a/b.MP3'), 'mp3');
  assert.equal(resolveFormat('wav', 'a/b.mp3'), 'wav');
  assert.equal(resolveFormat(undefined, 'a/b.aiff'), undefined);
});
