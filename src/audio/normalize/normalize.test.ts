import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAudioFile } from '../decode/index.ts';
import { createFileEncoder } from '../encode/index.ts';
import { independentTruePeakDb } from '../dynamics/testing/independent-true-peak.ts';
import { addInterSampleBurst, musicLike } from '../dynamics/testing/test-signals.ts';
import { analyzeAudio } from '../loudness/analyze.ts';
import { normalizeFile, type NormalizeOptions } from './index.ts';
import { AudioError } from '../types.ts';
import { joinChannels } from '../synth/blocks.ts';

const FS = 44100;
const dir = await mkdtemp(join(tmpdir(), 'normalize-test-'));
test.after(() => rm(dir, { recursive: true, force: true }));

async function writeInput(name: string, channels: Float32Array[], format: 'wav' | 'flac' = 'wav', bitDepth: 16 | 24 | '32f' = '32f') {
  const path = join(dir, name);
  const enc = await createFileEncoder(path, { format, sampleRate: FS, channels: channels.length, bitDepth });
  await enc.write({ channels, frames: channels[0].length });
  await enc.end();
  return path;
}

async function readAll(path: string): Promise<Float32Array[]> {
  const decoder = await openAudioFile(path);
  const parts: Float32Array[][] = [];
  for await (const block of decoder.blocks()) {
    block.channels.forEach((c, i) => (parts[i] ??= []).push(c.slice(0, block.frames)));
  }
  return joinChannels(parts);
}

/** Dynamic material (about −21 LUFS) with inter-sample overs: needs the limiter to reach −14. */
const loud = musicLike(4, FS, 11, 0.8);
addInterSampleBurst(loud, FS, 1.0, 20, 0.85);
addInterSampleBurst(loud, FS, 2.5, 4, 0.9);
const loudPath = writeInput('loud.wav', loud);
/** Quiet material (about −30 LUFS) that reaches −23 with pure gain. */
const quietPath = writeInput('quiet.wav', musicLike(4, FS, 5, 0.25), 'wav', 24);

const cases: { label: string; input: Promise<string>; out: string; opts: NormalizeOptions; limited: boolean }[] = [
  { label: 'loud → WAV 16', input: loudPath, out: 'l16.wav', opts: { targetLufs: -14, truePeakDbtp: -1, bitDepth: 16 }, limited: true },
  { label: 'loud → WAV 24', input: loudPath, out: 'l24.wav', opts: { targetLufs: -14, truePeakDbtp: -1 }, limited: true },
  { label: 'loud → WAV 32f', input: loudPath, out: 'l32.wav', opts: { targetLufs: -14, truePeakDbtp: -1, bitDepth: '32f' }, limited: true },
  { label: 'loud → FLAC 24', input: loudPath, out: 'l24.flac', opts: { targetLufs: -14, truePeakDbtp: -1, format: 'flac' }, limited: true },
  { label: 'loud → MP3', input: loudPath, out: 'l.mp3', opts: { targetLufs: -14, truePeakDbtp: -1, format: 'mp3' }, limited: true },
  { label: 'loud → WAV 24 at −9 LUFS (heavy limiting)', input: loudPath, out: 'heavy.wav', opts: { targetLufs: -9, truePeakDbtp: -1 }, limited: true },
  { label: 'quiet → WAV 24', input: quietPath, out: 'q24.wav', opts: { targetLufs: -23, truePeakDbtp: -1 }, limited: false },
  { label: 'quiet → FLAC 16', input: quietPath, out: 'q16.flac', opts: { targetLufs: -23, truePeakDbtp: -1, format: 'flac', bitDepth: 16 }, limited: false },
];

for (const c of cases) {
  test(`normalize ${c.label}: on target, under the ceiling (independent 8× reader)`, async () => {
    const outPath = join(dir, c.out);
    const report = await normalizeFile(await c.input, outPath, c.opts);
    assert.equal(report.limiter.engaged, c.limited);
    assert.ok(report.passes >= 1 && report.passes <= 3);
    assert.equal(report.output.sampleRate, FS);
    assert.equal(report.output.channels, 2);
    // Independent check of what was written: loudness by decoding, peak by the test's own reader.
    const decoded = await analyzeAudio(await openAudioFile(outPath));
    const integrated = decoded.integratedLufs!;
    assert.ok(Math.abs(integrated - c.opts.targetLufs) <= 0.1, `integrated ${integrated.toFixed(3)}`);
    const peak = independentTruePeakDb(await readAll(outPath));
    assert.ok(peak <= c.opts.truePeakDbtp, `true peak ${peak.toFixed(3)} dBTP`);
    assert.ok(Math.abs(report.output.integratedLufs! - integrated) <= 0.01);
  });
}

test('skipping the decode for lossless 24-bit output reads the same as decoding it', async () => {
  for (const [out, format] of [['skip.wav', 'wav'], ['skip.flac', 'flac']] as const) {
    const outPath = join(dir, out);
    const report = await normalizeFile(await loudPath, outPath, { targetLufs: -16, truePeakDbtp: -1.5, format });
    const decoded = await analyzeAudio(await openAudioFile(outPath), { flatTruePeak: true });
    assert.ok(Math.abs(report.output.flatTruePeakDbtp! - decoded.flatTruePeakDbtp!) <= 0.01);
    assert.ok(Math.abs(report.output.integratedLufs! - decoded.integratedLufs!) <= 0.01);
    assert.ok(Math.abs(report.output.truePeakDbtp! - decoded.truePeakDbtp!) <= 0.01);
    assert.ok(Math.abs(report.output.loudnessRangeLu! - decoded.loudnessRangeLu!) <= 0.01);
    assert.ok(Math.abs(report.output.maxMomentaryLufs! - decoded.maxMomentaryLufs!) <= 0.01);
    assert.equal(report.output.format, format);
  }
  // Pure gain: the flat true peak is derived from the input's, not metered again.
  const outPath = join(dir, 'skip-gain.wav');
  const report = await normalizeFile(await quietPath, outPath, { targetLufs: -23, truePeakDbtp: -1 });
  assert.equal(report.limiter.engaged, false);
  const decoded = await analyzeAudio(await openAudioFile(outPath), { flatTruePeak: true });
  assert.ok(Math.abs(report.output.flatTruePeakDbtp! - decoded.flatTruePeakDbtp!) <= 0.01);
  assert.ok(Math.abs(report.output.integratedLufs! - decoded.integratedLufs!) <= 0.01);
  assert.ok(Math.abs(report.output.truePeakDbtp! - decoded.truePeakDbtp!) <= 0.01);
});

test('silence is copied at unity gain and reports null loudness', async () => {
  const input = await writeInput('silence.wav', [new Float32Array(FS), new Float32Array(FS)], 'wav', 16);
  const report = await normalizeFile(input, join(dir, 'silence-out.wav'), { targetLufs: -14, truePeakDbtp: -1 });
  assert.equal(report.gainDb, 0);
  assert.equal(report.input.integratedLufs, null);
  assert.equal(report.output.integratedLufs, null);
  assert.equal(report.passes, 1);
  assert.deepEqual(report.limiter, { engaged: false, maxReductionDb: 0 });
});

test('bad input fails with AudioError and leaves no temporary files', async () => {
  const sub = await mkdtemp(join(dir, 'bad-'));
  const bogus = join(sub, 'bogus.wav');
  await writeFile(bogus, Buffer.from('RIFF\x10\x00\x00\x00WAVEjunkjunkjunk'));
  await assert.rejects(normalizeFile(bogus, join(sub, 'out.wav'), { targetLufs: -14, truePeakDbtp: -1 }), AudioError);
  await assert.rejects(
    normalizeFile(await quietPath, join(sub, 'out.flac'), { targetLufs: -14, truePeakDbtp: -1, format: 'flac', bitDepth: '32f' }),
    AudioError,
  );
  await assert.rejects(normalizeFile(await quietPath, join(sub, 'out.wav'), { targetLufs: 5, truePeakDbtp: -1 }), AudioError);
  assert.deepEqual(await readdir(sub), ['bogus.wav']);
});
