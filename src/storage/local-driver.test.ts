import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { createStorage } from './create-storage.ts';
import { StorageError } from './errors.ts';
import { makeObjectKey } from './keys.ts';
import { verifyLocalSignature } from './signed-url.ts';
import { readAll } from './testing/streams.ts';
import { defineStorageContract } from './testing/storage-contract.ts';

const SECRET = 'test-signing-secret';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
}

defineStorageContract('local', async () => {
  // The root sits one level down so the test can check nothing lands beside it.
  const parent = await mkdtemp(join(tmpdir(), 'backbeat-local-storage-'));
  const root = join(parent, 'storage');
  const storage = createStorage({ driver: 'local', root, publicBaseUrl: 'http://localhost:3000', signingSecret: SECRET });
  return {
    storage,
    async leftovers() {
      const outside = (await readdir(parent)).filter((name) => name !== 'storage');
      const files = await listFiles(root).catch(() => []);
      const stray = files.filter((file) => !/^[0-9a-f-]{36}\.[a-z0-9]+(\.meta\.json)?$/.test(basename(file)));
      return [...outside, ...stray];
    },
    teardown: () => rm(parent, { recursive: true, force: true }),
  };
});

describe('local driver', () => {
  it('signs URLs that verify, and fail once expired or altered', async () => {
    const storage = createStorage({ driver: 'local', root: join(tmpdir(), 'unused'), publicBaseUrl: 'https://music.example/', signingSecret: SECRET });
    const key = makeObjectKey('deliverables', crypto.randomUUID(), 'wav');
    const url = new URL(await storage.signedUrl(key, { expiresInSeconds: 300, downloadName: 'Mix final (v2) – ünïcode.wav' }));
    assert.equal(url.origin + url.pathname, `https://music.example/api/storage/signed/${key}`);
    const query = Object.fromEntries(url.searchParams);
    assert.equal(query.name, 'Mix final (v2) – ünïcode.wav');
    assert.equal(verifyLocalSignature(key, query, SECRET), true);

    const expires = Number(query.expires);
    assert.ok(Math.abs(expires - (Date.now() / 1000 + 300)) < 5);
    assert.equal(verifyLocalSignature(key, query, SECRET, new Date((expires - 1) * 1000)), true);
    assert.equal(verifyLocalSignature(key, query, SECRET, new Date(expires * 1000)), false);

    const otherKey = makeObjectKey('deliverables', crypto.randomUUID(), 'wav');
    assert.equal(verifyLocalSignature(otherKey, query, SECRET), false);
    assert.equal(verifyLocalSignature(key, { ...query, expires: String(expires + 3600) }, SECRET), false);
    assert.equal(verifyLocalSignature(key, { ...query, name: 'other.wav' }, SECRET), false);
    assert.equal(verifyLocalSignature(key, { ...query, name: undefined }, SECRET), false);
    assert.equal(verifyLocalSignature(key, { ...query, signature: query.signature.slice(0, -1) }, SECRET), false);
    assert.equal(verifyLocalSignature(key, { ...query, signature: undefined }, SECRET), false);
    assert.equal(verifyLocalSignature(key, { ...query, expires: `${expires}.5` }, SECRET), false);
    assert.equal(verifyLocalSignature(key, query, 'another-secret'), false);
    assert.equal(verifyLocalSignature(`${key}/..`, query, SECRET), false);
  });

  it('signs URLs without a download name', async () => {
    const storage = createStorage({ driver: 'local', root: join(tmpdir(), 'unused'), publicBaseUrl: 'http://localhost:3000', signingSecret: SECRET });
    const key = makeObjectKey('uploads', crypto.randomUUID(), 'mp3');
    const url = new URL(await storage.signedUrl(key, { expiresInSeconds: 60 }));
    assert.equal(url.searchParams.has('name'), false);
    assert.equal(verifyLocalSignature(key, Object.fromEntries(url.searchParams), SECRET), true);
  });

  it('keeps serving an open read after the object is deleted', async () => {
    const root = await mkdtemp(join(tmpdir(), 'backbeat-local-storage-'));
    try {
      const storage = createStorage({ driver: 'local', root, publicBaseUrl: 'http://localhost', signingSecret: SECRET });
      const key = makeObjectKey('music', crypto.randomUUID(), 'mp3');
      await storage.put(key, Buffer.from('still here'), { contentType: 'audio/mpeg' });
      const got = await storage.get(key);
      await storage.delete(key);
      assert.equal((await readAll(got.body)).toString(), 'still here');
      assert.equal(await storage.head(key), null);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('reports unavailable when the root cannot be used', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'backbeat-local-storage-'));
    try {
      const notADir = join(parent, 'file');
      await writeFile(notADir, 'x');
      const storage = createStorage({ driver: 'local', root: notADir, publicBaseUrl: 'http://localhost', signingSecret: SECRET });
      await assert.rejects(storage.health(), (err) => err instanceof StorageError && err.code === 'unavailable');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('leaves no temporary file when a stream is refused at once, however fast the refusal', async () => {
    const root = await mkdtemp(join(tmpdir(), 'backbeat-local-storage-'));
    try {
      const storage = createStorage({ driver: 'local', root, publicBaseUrl: 'http://localhost', signingSecret: SECRET });
      const owner = crypto.randomUUID();
      for (let i = 0; i < 200; i++) {
        // The first chunk is already over the limit: the refusal races the temporary file's creation.
        async function* body() {
          yield Buffer.alloc(64);
        }
        await assert.rejects(storage.put(makeObjectKey('avatars', owner, 'png'), body(), { contentType: 'image/png', maxBytes: 10 }));
      }
      assert.deepEqual(await listFiles(root), []);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
