import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKWeightingState, kWeightedEnergy, kWeightingCoefficients } from './k-weighting.ts';
import { createKWeightingKernel } from './k-weighting-kernel.ts';
import { SubBlockEnergy } from './sub-block-energy.ts';

test('coefficients at 48 kHz reproduce the BS.1770 table', () => {
  const { shelf, highPass } = kWeightingCoefficients(48000);
  const table = [
    [shelf.b0, 1.53512485958697],
    [shelf.b1, -2.69169618940638],
    [shelf.b2, 1.19839281085285],
    [shelf.a1, -1.69065929318241],
    [shelf.a2, 0.73248077421585],
    [highPass.a1, -1.99004745483398],
    [highPass.a2, 0.99007225036621],
  ];
  for (const [got, want] of table) assert.ok(Math.abs(got - want) < 1e-12, `${got} vs ${want}`);
});

function noise(n: number, seed: number): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    x[i] = seed / 2 ** 32 - 0.5;
  }
  return x;
}

test('the SIMD channel-pair kernel filters exactly like the scalar loop', () => {
  const kw = kWeightingCoefficients(44100);
  const kernel = createKWeightingKernel(44100, kw, 1);
  assert.ok(kernel, 'WebAssembly SIMD is available on every supported Node');
  const [a, b] = [noise(5000, 1), noise(5000, 2)];
  const [sa, sb] = [createKWeightingState(), createKWeightingState()];
  const stride = kernel.reserve(2, 5000);
  kernel.input().set(a, 0);
  kernel.input().set(b, stride);
  // Several calls, so the state carried between them is checked too.
  for (const [start, end] of [
    [0, 441],
    [441, 3000],
    [3000, 5000],
  ]) {
    const scalar = 1 * kWeightedEnergy(kw, sa, a, start, end) + 1.41 * kWeightedEnergy(kw, sb, b, start, end);
    const simd = kernel.energy(0, 0, 1, start, end, 1, 1.41);
    assert.ok(Math.abs(simd - scalar) <= 1e-9 * scalar, `${simd} vs ${scalar}`);
  }
});

test('sub-block energies: 10 per 100 ms, odd channel counts and zero weights handled', () => {
  const sr = 48000;
  const x = noise(sr, 3);
  const three = new SubBlockEnergy(sr, [1, 1, 1]);
  three.push([x, x, x], sr);
  assert.equal(three.count, 100);
  const one = new SubBlockEnergy(sr, [1]);
  one.push([x], sr);
  for (let i = 0; i < 100; i++) assert.ok(Math.abs(three.energies[i] - 3 * one.energies[i]) <= 1e-9 * three.energies[i]);
  const withLfe = new SubBlockEnergy(sr, [1, 0]);
  withLfe.push([x, noise(sr, 9)], sr);
  for (let i = 0; i < 100; i++) assert.ok(Math.abs(withLfe.energies[i] - one.energies[i]) <= 1e-9 * one.energies[i]);
});

test('silence after loud input does not leave subnormal filter memory', () => {
  const sr = 44100;
  const e = new SubBlockEnergy(sr, [1, 1]);
  const loud = noise(sr, 4);
  e.push([loud, loud], sr);
  const silence = new Float32Array(sr);
  const started = performance.now();
  for (let s = 0; s < 30; s++) e.push([silence, silence], sr);
  e.clear();
  e.push([silence, silence], sr);
  assert.equal(e.energies[e.count - 1], 0, 'energy returns to exactly zero');
  assert.ok(performance.now() - started < 5000);
});
