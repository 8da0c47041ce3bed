import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deadLetterQueueName, QUEUES } from './queues.ts';

test('every queue policy is one pg-boss accepts', () => {
  for (const [name, policy] of Object.entries(QUEUES)) {
    assert.match(name, /^[a-z0-9]+(\.[a-z0-9-]+)+$/, name);
    assert.ok(Buffer.byteLength(deadLetterQueueName(name)) <= 50, `${name}: name too long for its dead-letter queue`);
    assert.ok(Number.isInteger(policy.retryLimit) && policy.retryLimit >= 0, name);
    assert.ok(Number.isInteger(policy.retryDelaySeconds) && policy.retryDelaySeconds >= 0, name);
    assert.ok(policy.expireInSeconds >= 1 && policy.expireInSeconds <= 24 * 3600, name);
    if (policy.heartbeatSeconds !== undefined) {
      assert.ok(Number.isInteger(policy.heartbeatSeconds) && policy.heartbeatSeconds >= 10, `${name}: heartbeatSeconds ≥ 10`);
    }
  }
});
