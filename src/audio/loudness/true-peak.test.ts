import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTruePeakDetector, measureFlatTruePeak, type TruePeakMode } from './true-peak.ts';
import { flatInterpolator, referenceInterpolator, type PolyphaseInterpolator } from './interpolator.ts';
import { applyFades } from '../synth/segments.ts';
import { blocksOf } from '../synth/blocks.ts';

/** A 50 ms sine whose crest falls `offset` of a sample after sample n0, with 10 ms fades. */
function placedSine(sampleRate: number, frequency: number, offset: number, amplitude: number): Float32Array {
  const n = Math.round(0.05 * sampleRate);
  const n0 = n >> 1;
  const phase = Math.PI / 2 - (2 * Math.PI * frequency * (n0 + offset)) / sampleRate;
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate + phase);
  applyFades(x, 0, n, Math.round(0.01 * sampleRate));
  return x;
}

function readDb(x: Float32Array, sampleRate: number, mode: TruePeakMode, amplitude: number): number {
  const d = createTruePeakDetector(1, sampleRate, mode);
  d.push({ channels: [x], frames: x.length });
  return 20 * Math.log10(d.maxLinear() / amplitude);
}

test('flat detector reads sines up to 0.9 × Nyquist within 0.1 dB of their amplitude', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (const sampleRate of [44100, 48000, 96000]) {
    let worst = 0;
    let worstReference = 0;
    for (let fraction = 0.05; fraction <= 0.9 + 1e-9; fraction += 0.05) {
      const frequency = (fraction * sampleRate) / 2;
      // Crests half-way between samples are the hardest case; random offsets cover the rest.
      for (const offset of [0.5, 0.25, random(), random()]) {
        const amplitude = 0.3 + 0.6 * random();
        const x = placedSine(sampleRate, frequency, offset, amplitude);
        const flat = readDb(x, sampleRate, 'flat', amplitude);
        if (Math.abs(flat) > Math.abs(worst)) worst = flat;
        worstReference = Math.min(worstReference, readDb(x, sampleRate, 'reference', amplitude));
      }
    }
    assert.ok(Math.abs(worst) < 0.1, `flat at ${sampleRate} Hz errs by ${worst} dB`);
    // The reference interpolator is not flat: that is why ceilings use the other one.
    assert.ok(worstReference < -0.15, `reference at ${sampleRate} Hz worst ${worstReference} dB`);
  }
});

/** Every interpolated value computed directly in double precision, no skipping. */
function bruteForce(f: PolyphaseInterpolator, channels: Float32Array[], withTail: boolean): number {
  let m = 0;
  for (const x of channels) {
    const pad = new Float64Array(f.taps - 1 + x.length + (withTail ? f.taps - 1 : 0));
    pad.set(x, f.taps - 1);
    for (let n = 0; n + f.taps <= pad.length; n++) {
      m = Math.max(m, Math.abs(pad[n]));
      for (let p = 1; p < f.phases; p++) {
        let acc = 0;
        for (let i = 0; i < f.taps; i++) acc += f.coefficients[p * f.taps + i] * pad[n + i];
        m = Math.max(m, Math.abs(acc));
      }
    }
    for (const v of x) m = Math.max(m, Math.abs(v));
  }
  return m;
}

test('skipping and the SIMD kernel change no reading, whatever the block sizes', () => {
  // Noise under a slow envelope with a few bright bursts: many runs are skipped.
  let seed = 1;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5);
  const sampleRate = 44100;
  const channels = [0, 1].map((c) => {
    const x = new Float32Array(20000);
    for (let i = 0; i < x.length; i++) x[i] = random() * (0.2 + 0.7 * Math.abs(Math.sin(i / 1500 + c)));
    return x;
  });
  const cases: [TruePeakMode, number, PolyphaseInterpolator][] = [
    ['reference', 44100, referenceInterpolator(44100)],
    ['reference', 96000, referenceInterpolator(96000)],
    ['flat', sampleRate, flatInterpolator()],
  ];
  for (const [mode, rate, f] of cases) {
    const expected = bruteForce(f, channels, mode === 'flat');
    for (const size of [1, 5, 333, 4096, 20000]) {
      const d = createTruePeakDetector(2, rate, mode);
      for (const block of blocksOf(channels, size)) d.push(block);
      const got = d.maxLinear();
      assert.ok(Math.abs(got - expected) <= 1e-6 * expected, `${mode} @${rate}, blocks of ${size}: ${got} vs ${expected}`);
    }
  }
});

test('reference interpolation is 4× below 96 kHz and 2× from 96 kHz up', () => {
  assert.equal(referenceInterpolator(48000).phases, 4);
  assert.equal(referenceInterpolator(88200).phases, 4);
  assert.equal(referenceInterpolator(96000).phases, 2);
  assert.equal(referenceInterpolator(192000).phases, 2);
  assert.equal(flatInterpolator().phases, 16);
});

test('flat reading counts the ringing after an abrupt end; silence reads 0', () => {
  // A full-scale square-ish edge at the very end overshoots once reconstructed.
  const x = new Float32Array(1000);
  for (let i = 0; i < x.length; i++) x[i] = i % 2 === 0 ? 0.9 : -0.9;
  assert.ok(measureFlatTruePeak([x], 48000) > 0.9);
  assert.equal(measureFlatTruePeak([new Float32Array(500)], 48000), 0);
  const d = createTruePeakDetector(2, 48000, 'reference');
  assert.equal(d.maxLinear(), 0);
});
