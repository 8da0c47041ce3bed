import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dbfsToAmplitude, sine } from './sine.ts';
import { applyFades, concatSegments, repeatChannel } from './segments.ts';
import { blocksOf, decoderFromChannels } from './blocks.ts';
import { tech3341Case } from './tech3341.ts';
import { tech3342Case } from './tech3342.ts';

test('sine has the asked length, amplitude and phase', () => {
  const x = sine({ frequency: 1000, amplitude: 0.5, sampleRate: 48000, seconds: 0.1, phase: Math.PI / 2 });
  assert.equal(x.length, 4800);
  assert.ok(Math.abs(x[0] - 0.5) < 1e-7);
  assert.ok(Math.abs(Math.max(...x) - 0.5) < 1e-6);
  assert.ok(Math.abs(dbfsToAmplitude(-6) - 0.501187) < 1e-6);
});

test('segments concatenate with exact boundaries and a continuous waveform', () => {
  const x = concatSegments(
    [
      { seconds: 0.5, amplitude: 1 },
      { seconds: 0.25 },
      { seconds: 0.25, amplitude: 0.5 },
    ],
    { sampleRate: 1000, frequency: 10 },
  );
  assert.equal(x.length, 1000);
  assert.equal(x[600], 0);
  // The third segment continues the same waveform at half the level.
  assert.ok(Math.abs(x[800] - 0.5 * Math.sin((2 * Math.PI * 10 * 800) / 1000)) < 1e-6);
});

test('fades ramp from near zero to full level', () => {
  const x = new Float32Array(100).fill(1);
  applyFades(x, 0, 100, 10);
  assert.ok(x[0] < 0.05 && x[99] < 0.05);
  assert.equal(x[50], 1);
  assert.equal(repeatChannel(Float32Array.of(1, 2), 3).join(), '1,2,1,2,1,2');
});

test('blocks cover every frame once and the decoder reports progress', async () => {
  const a = Float32Array.from({ length: 10000 }, (_, i) => i);
  const blocks = blocksOf([a, a], 4096);
  assert.deepEqual(
    blocks.map((b) => b.frames),
    [4096, 4096, 1808],
  );
  assert.equal(blocks[2].channels[1][0], 8192);
  const d = decoderFromChannels([a, a], 44100, 3000);
  assert.equal(d.info.frames, 10000);
  let frames = 0;
  for await (const b of d.blocks()) frames += b.frames;
  assert.equal(frames, 10000);
  assert.deepEqual(d.progress(), { bytesRead: 80000, totalBytes: 80000 });
});

test('compliance cases carry expectations and have the specified lengths', () => {
  const c4 = tech3341Case(4, 48000);
  assert.equal(c4.signals[0].channels[0].length, 100 * 48000);
  assert.equal(c4.signals[0].expect.integratedLufs?.value, -23);
  assert.equal(tech3341Case(13, 44100).signals.length, 20);
  assert.equal(tech3341Case(6, 48000).signals[0].channels.length, 5);
  assert.equal(tech3342Case(4, 48000).signals[0].expect.loudnessRangeLu?.value, 15);
  assert.throws(() => tech3341Case(7, 48000), RangeError);
  assert.throws(() => tech3342Case(5, 48000), RangeError);
});

test('programme material is deterministic, music-like in level and bounded in peak', async () => {
  const { programmeBlocks } = await import('./programme.ts');
  const opts = { sampleRate: 8000, channels: 2, seconds: 90, blockFrames: 1000 };
  const a = [...programmeBlocks(opts)];
  const b = [...programmeBlocks(opts)];
  assert.equal(a.length, 720);
  assert.deepEqual(a[100].channels[1], b[100].channels[1]);
  let peak = 0;
  for (const block of a) for (const x of block.channels) for (const v of x) peak = Math.max(peak, Math.abs(v));
  assert.ok(peak < 10 ** (-0.5 / 20) && peak > 10 ** (-6 / 20), `peak ${peak}`);
});
