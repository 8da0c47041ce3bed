import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorText, outputError } from './run-attempt.ts';

test('outputError reads the message pg-boss stored for each way an attempt fails', () => {
  // A handler's thrown Error, serialized.
  assert.equal(outputError({ name: 'Error', message: 'engine unavailable', stack: '…' }), 'engine unavailable');
  // Expiry and heartbeat loss.
  assert.equal(outputError({ value: { message: 'job heartbeat timeout' } }), 'job heartbeat timeout');
  // A thrown string, and nothing at all.
  assert.equal(outputError({ value: 'plain' }), 'plain');
  assert.equal(outputError(null), 'job failed');
});

test('errorText keeps messages short and never empty', () => {
  assert.equal(errorText(new Error('x'.repeat(5000))).length, 2000);
  assert.equal(errorText(new Error('')), 'job failed');
  assert.equal(errorText('boom'), 'boom');
});
