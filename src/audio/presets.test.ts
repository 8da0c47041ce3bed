import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPreset, listPresets } from './presets.ts';

test('presets carry the published targets and ceilings', () => {
  const expected: Record<string, [number, number]> = {
    spotify: [-14, -1],
    youtube: [-14, -1],
    apple: [-16, -1],
    'ebu-r128': [-23, -1],
    club: [-7, -0.5],
    max: [-5, -0.3],
  };
  const all = listPresets();
  assert.deepEqual(
    all.map((p) => p.name),
    Object.keys(expected),
  );
  for (const p of all) {
    assert.deepEqual([p.targetLufs, p.truePeakDbtp], expected[p.name]);
    assert.ok(p.displayName.length > 0);
    assert.ok(p.description.length > 0 && !p.description.includes('\n'));
  }
});

test('getPreset is case-insensitive and returns undefined for unknown names', () => {
  assert.equal(getPreset('Spotify')?.targetLufs, -14);
  assert.equal(getPreset(' EBU-R128 ')?.targetLufs, -23);
  assert.equal(getPreset('tidal'), undefined);
});

test('returned presets are copies', () => {
  const p = getPreset('club')!;
  p.targetLufs = 0;
  assert.equal(getPreset('club')!.targetLufs, -7);
  listPresets()[0].targetLufs = 3;
  assert.equal(listPresets()[0].targetLufs, -14);
});
