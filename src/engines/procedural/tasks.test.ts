import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planFrames, planSong, renderSong, type SongPlan } from './index.ts';
import { collect, differenceRms, firstDifference, rms } from './testing/collect.ts';

const original = planSong({ task: 'text2music', prompt: 'pop song at 110 bpm in G major with piano', durationSeconds: 30, seed: 21 });
const originalAudio = collect(renderSong(original));

/** Plans travel through the database as JSON; every derived task starts from such a copy. */
function stored(plan: SongPlan): { plan: SongPlan } {
  return { plan: JSON.parse(JSON.stringify(plan)) };
}

test('repaint changes the region and leaves every sample outside it identical', () => {
  const region = { start: 10, end: 18.5 };
  const plan = planSong({ task: 'repaint', prompt: '', durationSeconds: 30, seed: 5, parent: stored(original), region });
  assert.equal(planFrames(plan), planFrames(original));
  const audio = collect(renderSong(plan));
  assert.equal(audio.left.length, originalAudio.left.length);
  const start = Math.round(region.start * 44100);
  const end = Math.round(region.end * 44100);
  for (const [a, b] of [[audio.left, originalAudio.left], [audio.right, originalAudio.right]]) {
    assert.equal(firstDifference(a, b, 0, start), -1, 'before the region');
    assert.equal(firstDifference(a, b, end, a.length), -1, 'after the region');
  }
  const inside = differenceRms(audio.left, originalAudio.left, start, end);
  assert.ok(inside > 0.3 * rms(originalAudio.left, start, end), `inside difference ${inside}`);
  assert.ok(rms(audio.left, start, end) > 0.01, 'the repainted region is not silent');
});

test('repainting a repaint keeps the first repaint outside the new region', () => {
  const first = planSong({ task: 'repaint', prompt: '', durationSeconds: 30, seed: 5, parent: stored(original), region: { start: 4, end: 9 } });
  const second = planSong({ task: 'repaint', prompt: '', durationSeconds: 30, seed: 6, parent: stored(first), region: { start: 20, end: 25 } });
  const a = collect(renderSong(first));
  const b = collect(renderSong(second));
  assert.equal(firstDifference(a.left, b.left, 0, 20 * 44100), -1);
  assert.notEqual(firstDifference(a.left, b.left, 20 * 44100, 25 * 44100), -1);
  assert.throws(() => planSong({ task: 'repaint', prompt: '', durationSeconds: 30, seed: 1, parent: stored(original), region: { start: 25, end: 40 } }), /region/);
});

test('extend starts with the parent sample for sample and continues in the same key and tempo', () => {
  const plan = planSong({ task: 'extend', prompt: '', durationSeconds: 15, seed: 8, parent: stored(original) });
  assert.equal(plan.bpm, original.bpm);
  assert.equal(plan.key, original.key);
  assert.equal(plan.genre, original.genre);
  const audio = collect(renderSong(plan));
  const parentFrames = originalAudio.left.length;
  assert.equal(audio.left.length, parentFrames + 15 * 44100);
  assert.equal(firstDifference(audio.left, originalAudio.left, 0, parentFrames), -1);
  assert.equal(firstDifference(audio.right, originalAudio.right, 0, parentFrames), -1);
  assert.ok(rms(audio.left, parentFrames, parentFrames + 10 * 44100) > 0.01, 'the continuation is not silent');
  assert.ok(plan.sections.length > original.sections.length);
  // Extending an extension keeps the whole chain intact.
  const again = planSong({ task: 'extend', prompt: '', durationSeconds: 6, seed: 9, parent: stored(plan) });
  const againAudio = collect(renderSong(again));
  assert.equal(firstDifference(againAudio.left, audio.left, 0, audio.left.length), -1);
});

test('remix keeps the chords and melody, takes style from the new prompt and records lineage', () => {
  const plan = planSong({ task: 'remix', prompt: 'deep house 124 bpm', durationSeconds: 20, seed: 3, parent: stored(original) });
  assert.equal(plan.genre, 'edm');
  assert.equal(plan.bpm, 124);
  assert.equal(plan.key, original.key, 'no key in the prompt keeps the parent key');
  assert.deepEqual(plan.part!.progressions, original.part!.progressions);
  assert.equal(plan.part!.melodySeed, original.part!.melodySeed);
  assert.deepEqual(plan.lineage, { task: 'remix', parentSeed: 21, parentGenre: 'pop', depth: 1 });
  const audio = collect(renderSong(plan));
  assert.equal(audio.left.length, 20 * 44100);
  assert.notEqual(firstDifference(audio.left, originalAudio.left, 0, 20 * 44100), -1);
  // Without a genre in the prompt a remix still moves to another genre.
  const other = planSong({ task: 'remix', prompt: 'make it different', durationSeconds: 10, seed: 4, parent: stored(original) });
  assert.notEqual(other.genre, original.genre);
});

test('retake keeps the parameters and makes a different take, even with the same seed', () => {
  for (const seed of [21, 22]) {
    const plan = planSong({ task: 'retake', prompt: '', durationSeconds: 30, seed, parent: stored(original) });
    assert.equal(plan.genre, original.genre);
    assert.equal(plan.bpm, original.bpm);
    assert.equal(plan.key, original.key);
    assert.equal(plan.mode, original.mode);
    assert.equal(plan.lineage.task, 'retake');
    const audio = collect(renderSong(plan));
    assert.equal(audio.left.length, originalAudio.left.length);
    assert.ok(differenceRms(audio.left, originalAudio.left, 0, audio.left.length) > 0.3 * rms(originalAudio.left), `seed ${seed}`);
  }
});
