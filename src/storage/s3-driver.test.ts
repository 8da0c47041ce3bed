import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createStorage } from './create-storage.ts';
import { StorageError } from './errors.ts';
import { makeObjectKey } from './keys.ts';
import type { S3StorageConfig, Storage } from './types.ts';
import { S3RVER_CREDENTIALS, startS3rver, type RunningS3rver } from './testing/start-s3rver.ts';
import { defineStorageContract } from './testing/storage-contract.ts';

function configFor(server: RunningS3rver, overrides: Partial<S3StorageConfig> = {}): S3StorageConfig {
  return {
    driver: 's3',
    endpoint: server.endpoint,
    bucket: server.bucket,
    region: 'us-east-1',
    forcePathStyle: true,
    ...S3RVER_CREDENTIALS,
    publicBaseUrl: 'http://localhost:3000',
    signingSecret: 'unused-by-s3',
    ...overrides,
  };
}

defineStorageContract('s3 (s3rver)', async () => {
  const server = await startS3rver();
  const storage = createStorage(configFor(server));
  return {
    storage,
    // An aborted multipart upload leaves no object; s3rver cannot list pending uploads.
    leftovers: async () => [],
    teardown: () => server.stop(),
  };
});

describe('s3 driver against s3rver', () => {
  let server: RunningS3rver;
  let storage: Storage;
  before(async () => {
    server = await startS3rver('backbeat-signed');
    storage = createStorage(configFor(server));
  });
  after(() => server?.stop());

  it('presigns URLs that download the object straight from the store under the given name', async () => {
    const key = makeObjectKey('deliverables', crypto.randomUUID(), 'wav');
    await storage.put(key, Buffer.from('master bytes'), { contentType: 'audio/wav' });
    const url = await storage.signedUrl(key, { expiresInSeconds: 60, downloadName: 'Ünïcode "final".wav' });
    assert.ok(url.startsWith(`${server.endpoint}/${server.bucket}/${key}?`));
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'master bytes');
    assert.equal(
      res.headers.get('content-disposition'),
      `attachment; filename="Unicode _final_.wav"; filename*=UTF-8''%C3%9Cn%C3%AFcode%20%22final%22.wav`,
    );
  });

  it('presigned URLs stop working once expired', async () => {
    const key = makeObjectKey('uploads', crypto.randomUUID(), 'mp3');
    await storage.put(key, Buffer.from('short-lived'), { contentType: 'audio/mpeg' });
    const url = await storage.signedUrl(key, { expiresInSeconds: 1 });
    await sleep(2100);
    const res = await fetch(url);
    assert.equal(res.status, 403);
    assert.match(await res.text(), /Request has expired/);
  });

  it('presigned URLs made with unknown credentials are refused', async () => {
    const stranger = createStorage(configFor(server, { accessKeyId: 'STRANGER', secretAccessKey: 'nope' }));
    const key = makeObjectKey('uploads', crypto.randomUUID(), 'mp3');
    await storage.put(key, Buffer.from('private'), { contentType: 'audio/mpeg' });
    const res = await fetch(await stranger.signedUrl(key, { expiresInSeconds: 60 }));
    assert.equal(res.status, 403);
    await res.body?.cancel();
  });

  it('reports unavailable for a missing bucket or an unreachable endpoint', async () => {
    const noBucket = createStorage(configFor(server, { bucket: 'no-such-bucket' }));
    await assert.rejects(noBucket.health(), (err) => err instanceof StorageError && err.code === 'unavailable');
    const key = makeObjectKey('music', crypto.randomUUID(), 'mp3');
    await assert.rejects(noBucket.get(key), (err) => err instanceof StorageError && err.code === 'unavailable');
    const closed = createStorage(configFor(server, { endpoint: 'http://127.0.0.1:9' }));
    await assert.rejects(closed.health(), (err) => err instanceof StorageError && err.code === 'unavailable');
  });
});
