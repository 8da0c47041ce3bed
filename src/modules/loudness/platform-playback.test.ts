import assert from 'node:assert/strict';
import { test } from 'node:test';
import { platformPlayback } from './platform-playback.ts';
import { PLATFORMS } from './platforms.ts';
import { usagePeriod } from './usage-period.ts';

const platform = (id: string) => PLATFORMS.find((p) => p.id === id)!;

test('a loud master is turned down everywhere by reference minus loudness', () => {
  assert.deepEqual(platformPlayback(platform('spotify'), -8, -0.2), { gainDb: -6, playbackLufs: -14, limitedBy: null });
  assert.deepEqual(platformPlayback(platform('apple'), -8, -0.2), { gainDb: -8, playbackLufs: -16, limitedBy: null });
  assert.deepEqual(platformPlayback(platform('deezer'), -8, -0.2), { gainDb: -7, playbackLufs: -15, limitedBy: null });
});

test('a quiet master: down-only platforms leave it, the others turn it up only to −1 dBTP', () => {
  assert.deepEqual(platformPlayback(platform('youtube'), -20, -6), { gainDb: 0, playbackLufs: -20, limitedBy: 'no_boost' });
  assert.deepEqual(platformPlayback(platform('spotify'), -20, -6), { gainDb: 5, playbackLufs: -15, limitedBy: 'peak' });
  assert.deepEqual(platformPlayback(platform('spotify'), -20, -12), { gainDb: 6, playbackLufs: -14, limitedBy: null });
  assert.deepEqual(platformPlayback(platform('spotify'), -20, 0.5), { gainDb: 0, playbackLufs: -20, limitedBy: 'peak' });
});

test('silence has no playback gain', () => {
  assert.equal(platformPlayback(platform('spotify'), null, null), null);
});

test('usage periods are calendar months in UTC', () => {
  assert.deepEqual(usagePeriod(new Date('2026-01-31T23:59:59.999Z')), { period: '2026-01-01', resetsAt: new Date('2026-02-01T00:00:00Z') });
  assert.deepEqual(usagePeriod(new Date('2026-12-15T12:00:00Z')), { period: '2026-12-01', resetsAt: new Date('2027-01-01T00:00:00Z') });
});
