import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestHash } from './request-hash.ts';

test('the hash ignores key order and undefined fields, but not values', () => {
  const a = requestHash({ prompt: 'x', durationSeconds: 10, region: { start: 1, end: 2 } });
  assert.equal(a, requestHash({ region: { end: 2, start: 1 }, durationSeconds: 10, prompt: 'x', lyrics: undefined }));
  assert.notEqual(a, requestHash({ prompt: 'x', durationSeconds: 11, region: { start: 1, end: 2 } }));
  assert.notEqual(a, requestHash({ prompt: 'x', durationSeconds: 10, region: { start: 1, end: 3 } }));
});
