// Checks the rendered tempo with an estimator written independently of the engine: an onset
// envelope (rectified rise of the log energy) and its autocorrelation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planSong, renderSong } from './index.ts';
import { collect } from './testing/collect.ts';

const HOP = 256;

/** Rectified rise of log energy per hop, after a pre-emphasis that favours snares and hats. */
function onsetEnvelope(x: Float32Array): Float64Array {
  const frames = Math.floor(x.length / HOP);
  const energy = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let i = Math.max(1, f * HOP); i < (f + 1) * HOP; i++) {
      const y = x[i] - 0.95 * x[i - 1];
      sum += y * y;
    }
    energy[f] = Math.log(1e-9 + sum / HOP);
  }
  const onset = new Float64Array(frames);
  for (let f = 1; f < frames; f++) onset[f] = Math.max(0, energy[f] - energy[f - 1]);
  let mean = 0;
  for (const v of onset) mean += v / frames;
  for (let f = 0; f < frames; f++) onset[f] -= mean;
  return onset;
}

function autocorrelation(o: Float64Array, lag: number): number {
  let sum = 0;
  for (let f = 0; f + lag < o.length; f++) sum += o[f] * o[f + lag];
  return sum / (o.length - lag);
}

/** Highest autocorrelation lag in [low, high] (in hops), refined by a parabola through its neighbours. */
function refinedPeak(o: Float64Array, low: number, high: number): number {
  let best = low;
  for (let lag = low; lag <= high; lag++) if (autocorrelation(o, lag) > autocorrelation(o, best)) best = lag;
  const a = autocorrelation(o, best - 1);
  const b = autocorrelation(o, best);
  const c = autocorrelation(o, best + 1);
  const denominator = a - 2 * b + c;
  return denominator === 0 ? best : best + (0.5 * (a - c)) / denominator;
}

/**
 * Beats per minute, searched between 70 and 150. A candidate beat scores the autocorrelation at
 * half a beat, one, two and four beats (the metrical levels), so a syncopated figure such as a
 * kick every beat and a half does not win over the pulse the whole bar repeats on.
 */
export function estimateBpm(x: Float32Array, sampleRate: number): number {
  const o = onsetEnvelope(x);
  const hopSeconds = HOP / sampleRate;
  let coarse = 0;
  let coarseScore = -Infinity;
  for (let lag = Math.floor(60 / 150 / hopSeconds); lag <= Math.ceil(60 / 70 / hopSeconds); lag++) {
    let score = 0;
    for (const k of [0.5, 1, 2, 4]) score += autocorrelation(o, Math.round(k * lag));
    if (score > coarseScore) {
      coarseScore = score;
      coarse = lag;
    }
  }
  const beatLag = refinedPeak(o, coarse - 1, coarse + 1);
  // Refine on the bar (four beats): the same error spread over a four times longer lag.
  const barLag = refinedPeak(o, Math.round(4 * beatLag) - 4, Math.round(4 * beatLag) + 4) / 4;
  return 60 / (barLag * hopSeconds);
}

for (const [prompt, bpm] of [['pop song at 120 bpm', 120], ['boom bap hip hop, 90 bpm', 90], ['rock anthem 120bpm', 120]] as const) {
  test(`"${prompt}" plays at ${bpm} bpm`, () => {
    const plan = planSong({ task: 'text2music', prompt, durationSeconds: 40, seed: 9 });
    assert.equal(plan.bpm, bpm);
    const { left, right } = collect(renderSong(plan));
    const mono = new Float32Array(left.length);
    for (let i = 0; i < mono.length; i++) mono[i] = 0.5 * (left[i] + right[i]);
    const measured = estimateBpm(mono, plan.sampleRate);
    assert.ok(Math.abs(measured - bpm) / bpm < 0.02, `measured ${measured.toFixed(2)} bpm for ${bpm}`);
  });
}

test('the estimator is not fooled into confirming a wrong tempo', () => {
  const plan = planSong({ task: 'text2music', prompt: 'pop song at 100 bpm', durationSeconds: 30, seed: 9 });
  const { left } = collect(renderSong(plan));
  const measured = estimateBpm(left, plan.sampleRate);
  assert.ok(Math.abs(measured - 100) / 100 < 0.02, `measured ${measured}`);
  assert.ok(Math.abs(measured - 120) / 120 > 0.1);
});
