import { test } from 'node:test';
import assert from 'node:assert/strict';
import { energyToLufs, integratedLoudness, loudnessRange, lufsToEnergy, windowMeanSquares } from './gating.ts';

const HOP = 4800;

/** Hop energies for stretches of constant loudness: [seconds, LUFS]. */
function hops(stretches: [number, number][]): Float64Array {
  const out: number[] = [];
  for (const [seconds, lufs] of stretches) {
    for (let i = 0; i < seconds * 10; i++) out.push(lufs === -Infinity ? 0 : lufsToEnergy(lufs) * HOP);
  }
  return Float64Array.from(out);
}

test('energy and LUFS convert both ways', () => {
  assert.ok(Math.abs(energyToLufs(lufsToEnergy(-23.4)) + 23.4) < 1e-12);
  assert.ok(Math.abs(energyToLufs(1) + 0.691) < 1e-12);
});

test('windows are complete only: n hops give n − w + 1 means', () => {
  const h = hops([[1, -20]]);
  assert.equal(windowMeanSquares(h, h.length, 4, HOP).length, 7);
  assert.equal(windowMeanSquares(h, 3, 4, HOP).length, 0);
});

test('the relative gate drops blocks 10 LU below the absolute-gated mean', () => {
  // 20 s at −20 and 20 s at −40: the quiet part is gated out, except the 3 blocks
  // straddling the change, which sit above the gate.
  const h = hops([
    [20, -20],
    [20, -40],
  ]);
  const i = integratedLoudness(h, h.length, HOP)!;
  assert.ok(i > -20.2 && i < -20, String(i));
  // Below −70 LUFS nothing counts, and silence gives null.
  assert.equal(integratedLoudness(hops([[5, -75]]), 50, HOP), null);
  assert.equal(integratedLoudness(hops([[5, -Infinity]]), 50, HOP), null);
});

test('LRA takes nearest-rank P95 − P10 of the gated short-term blocks', () => {
  const h = hops([
    [30, -20],
    [30, -25],
  ]);
  const lra = loudnessRange(h, h.length, HOP)!;
  assert.ok(Math.abs(lra - 5) < 1e-9, String(lra));
  assert.equal(loudnessRange(hops([[2, -20]]), 20, HOP), null, 'under 3 s there is no short-term block');
  // The relative gate is 20 LU below: a stretch 30 LU down does not widen the range.
  const gated = hops([
    [30, -20],
    [30, -50],
  ]);
  assert.ok(loudnessRange(gated, gated.length, HOP)! < 1, 'the quiet stretch is gated out');
});
