import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateApiKey, parseApiKeyPrefix } from './api-key-format.ts';

describe('API key format', () => {
  it('generates bb_live_<prefix>_<secret> keys whose prefix parses back', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { key, prefix } = generateApiKey();
      assert.match(key, /^bb_live_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
      assert.equal(parseApiKeyPrefix(key), prefix);
      seen.add(key);
    }
    assert.equal(seen.size, 200);
  });

  it('rejects anything else', () => {
    for (const bad of ['', 'bb_live_', 'bb_test_0000abcd_' + 'A'.repeat(43), 'bb_live_0000ABCD_' + 'A'.repeat(43), 'bb_live_0000abcd_' + 'A'.repeat(42), 'bb_live_0000abcd_' + 'A'.repeat(43) + '\n']) {
      assert.equal(parseApiKeyPrefix(bad), null, JSON.stringify(bad));
    }
  });
});
