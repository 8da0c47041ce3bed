import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TruePeakLimiter } from './true-peak-limiter.ts';
import { independentTruePeak, independentTruePeakDb } from './testing/independent-true-peak.ts';
import { addInterSampleBurst as addBurst, musicLike } from './testing/test-signals.ts';
import { joinChannels } from '../synth/blocks.ts';

const FS = 44100;
const music = (seconds: number, seed = 1) => musicLike(seconds, FS, seed, 1.6);
const addInterSampleBurst = (x: Float32Array[], startSec: number, ms: number, amp: number) => addBurst(x, FS, startSec, ms, amp);

function runLimiter(input: Float32Array[], ceilingDbtp: number, blockSizes = [1000, 37, 4096, 1]) {
  const limiter = new TruePeakLimiter({ sampleRate: FS, channels: input.length, ceilingDbtp });
  const parts: Float32Array[][] = input.map(() => []);
  let pos = 0;
  let k = 0;
  const n = input[0].length;
  while (pos < n) {
    const size = Math.min(blockSizes[k++ % blockSizes.length], n - pos);
    const out = limiter.process({ channels: input.map((x) => x.slice(pos, pos + size)), frames: size });
    out.channels.forEach((c, i) => parts[i].push(c));
    pos += size;
  }
  const tail = limiter.flush();
  tail.channels.forEach((c, i) => parts[i].push(c));
  const output = joinChannels(parts);
  return { output, stats: limiter.stats(), latency: limiter.latencyFrames };
}

test('bit-transparent with exact alignment when nothing exceeds the ceiling', () => {
  const input = musicLike(2, FS, 1, 1);
  assert.ok(independentTruePeakDb(input) < -2);
  const { output, stats } = runLimiter(input, -1);
  assert.equal(output[0].length, input[0].length);
  assert.deepEqual(output, input);
  assert.deepEqual(stats, { engaged: false, maxReductionDb: 0 });
});

test('inter-sample overs end up under the ceiling, checked by an independent 8× reader', () => {
  const input = music(1.5, 7);
  addInterSampleBurst(input, 0.5, 30, 0.9);
  addInterSampleBurst(input, 1.0, 5, 1.2);
  const samplePeak = Math.max(...input.map((x) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
  const truePeak = independentTruePeak(input);
  assert.ok(20 * Math.log10(truePeak / samplePeak) > 1.5, 'test signal has real inter-sample overs');
  const ceilingDb = -1;
  const { output, stats } = runLimiter(input, ceilingDb);
  const ceiling = 10 ** (ceilingDb / 20);
  for (const x of output) for (const v of x) assert.ok(Math.abs(v) <= ceiling, `sample ${v} above ceiling`);
  const outTp = independentTruePeakDb(output);
  assert.ok(outTp <= ceilingDb, `output true peak ${outTp.toFixed(3)} dBTP`);
  assert.ok(outTp > ceilingDb - 0.3, `limiter should not over-limit (${outTp.toFixed(3)})`);
  assert.equal(stats.engaged, true);
  assert.ok(stats.maxReductionDb > 2 && stats.maxReductionDb < 8, `reduction ${stats.maxReductionDb}`);
});

test('gain reduction stays around the overs and recovers to exact unity', () => {
  const input = music(4, 3);
  addInterSampleBurst(input, 1.0, 10, 1.0);
  const { output, latency } = runLimiter(input, -1);
  const burst = Math.round(1.0 * FS);
  const burstEnd = burst + Math.round(0.01 * FS);
  // Before the look-ahead window reaches the burst, the output is the input bit for bit.
  const untouchedUntil = burst - latency - 1;
  for (const [c, x] of output.entries()) {
    for (let i = 0; i < untouchedUntil; i++) assert.equal(x[i], input[c][i]);
  }
  // Some sample right before the burst is already reduced (attack happens inside the look-ahead).
  const ratioAt = (i: number) => output[0][i] / input[0][i];
  let reducedBefore = false;
  for (let i = burst - 40; i < burst; i++) if (Math.abs(input[0][i]) > 0.05 && ratioAt(i) < 0.999) reducedBefore = true;
  assert.ok(reducedBefore, 'attack starts before the peak');
  // Well after the burst (release ≈ 100 ms), the gain is exactly 1 again.
  const recovered = burstEnd + Math.round(1.5 * FS);
  for (const [c, x] of output.entries()) {
    for (let i = recovered; i < x.length; i++) assert.equal(x[i], input[c][i]);
  }
});

test('mono and short inputs keep their length', () => {
  for (const frames of [0, 1, 50, 300]) {
    const x = new Float32Array(frames).map((_, i) => 0.5 * Math.sin(i));
    const { output } = runLimiter([x], -1, [7]);
    assert.equal(output[0].length, frames);
    assert.deepEqual(output[0], x);
  }
});
