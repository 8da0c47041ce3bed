import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { StorageError } from './errors.ts';
import { bucketOfKey, isObjectKey, makeObjectKey, normalizePrefix } from './keys.ts';
import type { BucketName } from './types.ts';
import { hostileKeys } from './testing/hostile-keys.ts';

const isInvalidKey = (err: unknown) => err instanceof StorageError && err.code === 'invalid_key';

describe('object keys', () => {
  it('are <bucket>/<owner>/<uuid>.<ext> and unique', () => {
    const owner = randomUUID();
    const key = makeObjectKey('music', owner, 'mp3');
    assert.match(key, new RegExp(`^music/${owner}/[0-9a-f-]{36}\\.mp3$`));
    assert.notEqual(makeObjectKey('music', owner, 'mp3'), key);
    assert.equal(isObjectKey(key), true);
    assert.equal(bucketOfKey(key), 'music');
    assert.equal(bucketOfKey(makeObjectKey('deliverables', owner, 'zip')), 'deliverables');
  });

  it('lower-cases the owner id', () => {
    const owner = randomUUID();
    assert.ok(makeObjectKey('avatars', owner.toUpperCase(), 'png').startsWith(`avatars/${owner}/`));
  });

  it('refuses unknown buckets, non-UUID owners and unusual extensions', () => {
    const owner = randomUUID();
    assert.throws(() => makeObjectKey('secrets' as BucketName, owner, 'mp3'), isInvalidKey);
    for (const bad of ['', '..', 'user-1', `${owner}/..`, `${owner}\u0000`]) {
      assert.throws(() => makeObjectKey('music', bad, 'mp3'), isInvalidKey, bad);
    }
    for (const ext of ['', 'MP3', 'm.p3', 'mp3/', 'toolongext', '../x', 'mp3\u0000']) {
      assert.throws(() => makeObjectKey('music', owner, ext), isInvalidKey, ext);
    }
  });

  it('recognises no hostile key as a key or as belonging to a bucket', () => {
    for (const key of hostileKeys(randomUUID())) {
      assert.equal(isObjectKey(key), false, JSON.stringify(key));
      assert.equal(bucketOfKey(key), null, JSON.stringify(key));
    }
  });

  it('normalises prefixes to a bucket or an owner folder', () => {
    const owner = randomUUID();
    assert.equal(normalizePrefix('uploads'), 'uploads/');
    assert.equal(normalizePrefix(`uploads/${owner}`), `uploads/${owner}/`);
    assert.equal(normalizePrefix(`uploads/${owner.toUpperCase()}/`), `uploads/${owner}/`);
    for (const bad of ['', '/', 'uploads//', `uploads/${owner}/x`, '../uploads', `uploads/${owner}/..`]) {
      assert.throws(() => normalizePrefix(bad), isInvalidKey, bad);
    }
  });
});
