import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeLikedCursor, encodeLikedCursor } from './explore-cursor.ts';
import { playMonth } from './play-month.ts';

test('a most-liked cursor round-trips and refuses anything it did not make', () => {
  const cursor = { likes: 12, at: '2026-11-22T00:58:03.123456Z', id: '0b6f6a4e-0c1e-4f57-9a34-2b0f3e7d1c55' };
  assert.deepEqual(decodeLikedCursor(encodeLikedCursor(cursor)), cursor);
  for (const raw of ['', 'abc', Buffer.from('x|2026-11-22T00:58:03.123456Z|0b6f6a4e-0c1e-4f57-9a34-2b0f3e7d1c55').toString('base64url'),
    Buffer.from('1|2026-11-22T00:58:03Z|0b6f6a4e-0c1e-4f57-9a34-2b0f3e7d1c55').toString('base64url'),
    Buffer.from("1|2026-11-22T00:58:03.123456Z|1' OR 1=1").toString('base64url')]) {
    assert.throws(() => decodeLikedCursor(raw), (err: { code?: string }) => err.code === 'validation_failed', raw);
  }
});

test('play months are UTC calendar months', () => {
  assert.deepEqual(playMonth(new Date('2026-12-31T23:59:59.999Z')), { month: '2026-12', resetsAt: new Date('2027-01-01T00:00:00Z') });
  assert.deepEqual(playMonth(new Date('2026-03-01T00:00:00Z')), { month: '2026-03', resetsAt: new Date('2026-04-01T00:00:00Z') });
});
