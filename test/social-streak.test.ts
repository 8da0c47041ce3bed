// Daily streaks: counted in UTC days by recordActivity (called by plays, likes and generation), with
// injected instants for the day arithmetic, and read back over GET /api/me/streak.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getStreak } from '../src/modules/social/get-streak.ts';
import { recordActivity } from '../src/modules/social/record-activity.ts';
import { createQuickUser, createTestSong } from './helpers/songs.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;

before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const at = (iso: string) => new Date(iso);

test('same UTC day changes nothing, the next day extends, a gap restarts at 1; the longest is kept', async () => {
  const user = await createQuickUser(t);
  const db = t.ctx.database.db;
  const steps: [string, number, number][] = [
    ['2026-03-01T00:00:00Z', 1, 1],
    ['2026-03-01T23:59:59Z', 1, 1], // same day
    ['2026-03-02T00:00:01Z', 2, 2], // next day, by two seconds
    ['2026-03-03T12:00:00Z', 3, 3],
    ['2026-03-05T08:00:00Z', 1, 3], // skipped the 4th
    ['2026-03-06T08:00:00Z', 2, 3],
    ['2026-03-04T08:00:00Z', 2, 3], // an older instant arriving late changes nothing
    ['2026-03-31T23:00:00Z', 1, 3],
    ['2026-04-01T01:00:00Z', 2, 3], // across a month boundary
  ];
  for (const [when, current, longest] of steps) {
    const streak = await recordActivity(db, user.id, at(when));
    assert.deepEqual([streak.currentStreak, streak.longestStreak], [current, longest], when);
  }
  assert.equal((await recordActivity(db, user.id, at('2026-04-01T02:00:00Z'))).lastActiveDate, '2026-04-01');

  // Read as of a later day: a streak not continued by yesterday is over.
  assert.equal((await getStreak(t.ctx, user.id, at('2026-04-02T10:00:00Z'))).currentStreak, 2);
  assert.equal((await getStreak(t.ctx, user.id, at('2026-04-03T10:00:00Z'))).currentStreak, 0);
  assert.equal((await getStreak(t.ctx, user.id, at('2026-04-03T10:00:00Z'))).longestStreak, 3);
});

test('a year boundary and a leap day are consecutive days', async () => {
  const user = await createQuickUser(t);
  const db = t.ctx.database.db;
  await recordActivity(db, user.id, at('2027-12-31T22:00:00Z'));
  assert.equal((await recordActivity(db, user.id, at('2028-01-01T03:00:00Z'))).currentStreak, 2);
  const leap = await createQuickUser(t);
  await recordActivity(db, leap.id, at('2028-02-28T10:00:00Z'));
  assert.equal((await recordActivity(db, leap.id, at('2028-02-29T10:00:00Z'))).currentStreak, 2);
  assert.equal((await recordActivity(db, leap.id, at('2028-03-01T10:00:00Z'))).currentStreak, 3);
});

test('concurrent activity on one day counts once', async () => {
  const user = await createQuickUser(t);
  const db = t.ctx.database.db;
  await recordActivity(db, user.id, at('2026-05-01T10:00:00Z'));
  const results = await Promise.all(Array.from({ length: 10 }, () => recordActivity(db, user.id, at('2026-05-02T10:00:00Z'))));
  assert.deepEqual([...new Set(results.map((r) => r.currentStreak))], [2]);
});

test('a like and a play count as activity today; GET /api/me/streak reports it', async () => {
  const user = await createQuickUser(t);
  const owner = await createQuickUser(t);
  const song = await createTestSong(t, owner.id, { visibility: 'public', variations: 1 });
  const before = await t.request({ method: 'GET', url: '/api/me/streak', token: user.accessToken });
  assert.deepEqual(before.json(), { currentStreak: 0, longestStreak: 0, lastActiveDate: null });
  assert.equal((await t.request({ method: 'PUT', url: `/api/songs/${song.id}/like`, token: user.accessToken })).statusCode, 200);
  const today = new Date().toISOString().slice(0, 10);
  const after = await t.request({ method: 'GET', url: '/api/me/streak', token: user.accessToken });
  assert.deepEqual(after.json(), { currentStreak: 1, longestStreak: 1, lastActiveDate: today });

  await t.ctx.database.db
    .updateTable('profiles')
    .set({ current_streak: 4, longest_streak: 4, last_active_date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) })
    .where('user_id', '=', owner.id)
    .execute();
  assert.equal((await t.request({ method: 'POST', url: `/api/songs/${song.id}/play`, token: owner.accessToken })).statusCode, 200);
  const extended = await t.request({ method: 'GET', url: '/api/me/streak', token: owner.accessToken });
  assert.deepEqual(extended.json(), { currentStreak: 5, longestStreak: 5, lastActiveDate: today });
  assert.equal((await t.request({ method: 'GET', url: '/api/me/streak' })).statusCode, 401);
});
