import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DRUM_PIECES, drumKit } from './drum-kit.ts';
import { createReverb, processReverb } from './reverb.ts';
import { renderTone, startTone } from './tone-voice.ts';
import { TABLE_SIZE, wavetableFor } from './wavetables.ts';

/** Magnitude of harmonic k in one cycle of a table. */
function harmonic(table: Float32Array, k: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < TABLE_SIZE; i++) {
    re += table[i] * Math.cos((2 * Math.PI * k * i) / TABLE_SIZE);
    im += table[i] * Math.sin((2 * Math.PI * k * i) / TABLE_SIZE);
  }
  return (2 * Math.hypot(re, im)) / TABLE_SIZE;
}

test('oscillator tables hold no harmonic at or above Nyquist', () => {
  for (const frequency of [110, 1000, 5000, 12000]) {
    const table = wavetableFor('saw', frequency, 44100, 128);
    const allowed = Math.floor(22050 / frequency);
    assert.ok(harmonic(table, 1) > 0.1, `${frequency} Hz fundamental`);
    for (let k = allowed + 1; k <= Math.min(allowed + 40, 200); k++) {
      assert.ok(harmonic(table, k) < 1e-4, `${frequency} Hz: harmonic ${k} = ${harmonic(table, k)}`);
    }
  }
});

test('a note rises from silence, sounds, and stops after its release', () => {
  const sampleRate = 44100;
  const tone = startTone({ start: 100, end: 10000, track: 0, voice: 'synth-lead', midi: 69, velocity: 1, pairTrack: -1, spread: 0 }, sampleRate, 0.5, 0);
  const tracks = [new Float32Array(40000)];
  const stillSounding = renderTone(tone, tracks, 0, 0, 40000);
  assert.equal(stillSounding, false);
  const out = tracks[0];
  assert.equal(out[99], 0, 'nothing before the start');
  assert.ok(Math.abs(out[101]) < 0.01, 'the attack starts near zero');
  let peak = 0;
  for (let i = 0; i < 10000; i++) peak = Math.max(peak, Math.abs(out[i]));
  assert.ok(peak > 0.1);
  assert.equal(out[tone.lifeEnd + 1], 0, 'silent after the release');
  // Rendering the same note in two pieces gives the same samples as in one.
  const again = startTone({ start: 100, end: 10000, track: 0, voice: 'synth-lead', midi: 69, velocity: 1, pairTrack: -1, spread: 0 }, sampleRate, 0.5, 0);
  const split = [new Float32Array(40000)];
  renderTone(again, split, 0, 0, 5000);
  renderTone(again, split, 0, 5000, 40000);
  assert.deepEqual(split[0], out);
});

test('drum one-shots are finite, bounded and sit where drums sit in the spectrum', () => {
  const kit = drumKit('acoustic', 44100);
  const crossingsPerSecond = (x: Float32Array, n: number) => {
    let c = 0;
    for (let i = 1; i < n; i++) if ((x[i - 1] < 0) !== (x[i] < 0)) c++;
    return (c * 44100) / n;
  };
  for (const piece of DRUM_PIECES) {
    const sample = kit[piece];
    assert.ok(sample.length > 1000, piece);
    assert.ok(sample.every((v) => Number.isFinite(v) && Math.abs(v) <= 1), piece);
  }
  assert.ok(crossingsPerSecond(kit.kick.subarray(2000), 8000) < 300, 'the kick body is a low tone');
  assert.ok(crossingsPerSecond(kit.hat, 2000) > 5000, 'hats are bright noise');
});

test('the reverb turns an impulse into a decaying, decorrelated stereo tail', () => {
  const reverb = createReverb(44100, 0.5);
  const frames = 44100 * 2;
  const input = new Float32Array(frames);
  input[0] = 1;
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let at = 0; at < frames; at += 2048) {
    const n = Math.min(2048, frames - at);
    processReverb(reverb, input.subarray(at, at + n), left.subarray(at, at + n), right.subarray(at, at + n), n);
  }
  const energy = (x: Float32Array, a: number, b: number) => x.subarray(a, b).reduce((s, v) => s + v * v, 0);
  assert.ok(energy(left, 0, 22050) > 0);
  assert.ok(energy(left, 22050, 44100) < energy(left, 0, 22050));
  assert.ok(energy(left, 66150, 88200) < energy(left, 22050, 44100));
  let same = 0;
  for (let i = 0; i < frames; i++) if (left[i] === right[i]) same++;
  assert.ok(same < frames / 2, 'the two sides differ');
});
