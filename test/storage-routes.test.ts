// Serving stored objects: the public route (avatars only) and local signed URLs (any bucket, expiring,
// downloaded as an attachment under the signed name).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { deriveStorageSigningSecret } from '../src/storage/index.ts';
import { makeObjectKey } from '../src/storage/index.ts';
import { makeLocalSignedUrl } from '../src/storage/signed-url.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
const owner = randomUUID();
const WAV = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(200, 7)]);

before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t?.close();
});

async function store(bucket: 'avatars' | 'uploads' | 'deliverables' | 'music', data: Buffer, contentType: string) {
  const key = makeObjectKey(bucket, owner, 'bin');
  await t.ctx.storage.put(key, data, { contentType });
  return key;
}

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

test('the public route serves avatars only', async () => {
  const avatar = await store('avatars', Buffer.from('GIF89a....'), 'image/gif');
  assert.equal((await t.request({ method: 'GET', url: `/api/storage/public/${avatar}` })).statusCode, 200);
  for (const bucket of ['uploads', 'deliverables', 'music'] as const) {
    const key = await store(bucket, WAV, 'audio/wav');
    const res = await t.request({ method: 'GET', url: `/api/storage/public/${key}` });
    assert.equal(res.statusCode, 404, bucket);
    assert.equal(res.json().error.code, 'not_found');
  }
  for (const bad of ['avatars/../uploads/x', '..%2f..%2fetc%2fpasswd', 'avatars', `avatars/${owner}/${randomUUID()}.png`]) {
    const res = await t.request({ method: 'GET', url: `/api/storage/public/${bad}` });
    assert.equal(res.statusCode, 404, bad);
  }
});

test('a signed URL downloads as an attachment under its signed name, with ranges', async () => {
  const key = await store('deliverables', WAV, 'audio/wav');
  const url = await t.ctx.storage.signedUrl(key, { expiresInSeconds: 60, downloadName: 'my song.wav' });
  const res = await t.request({ method: 'GET', url: pathOf(url) });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.rawPayload, WAV);
  assert.equal(res.headers['content-type'], 'audio/wav');
  assert.match(String(res.headers['content-disposition']), /^attachment; filename="my song\.wav"; filename\*=UTF-8''my%20song\.wav$/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(String(res.headers['cache-control']), /no-store/);

  const range = await t.request({ method: 'GET', url: pathOf(url), headers: { range: 'bytes=4-11' } });
  assert.equal(range.statusCode, 206);
  assert.equal(range.headers['content-range'], `bytes 4-11/${WAV.length}`);
  assert.deepEqual(range.rawPayload, WAV.subarray(4, 12));
  assert.match(String(range.headers['content-disposition']), /^attachment/);

  // A stale If-Range means the client's copy changed: send the whole object.
  const stale = await t.request({ method: 'GET', url: pathOf(url), headers: { range: 'bytes=4-11', 'if-range': '"other"' } });
  assert.equal(stale.statusCode, 200);
});

test('a signed URL without a name still downloads as an attachment', async () => {
  const key = await store('uploads', WAV, 'audio/wav');
  const url = await t.ctx.storage.signedUrl(key, { expiresInSeconds: 60 });
  const res = await t.request({ method: 'GET', url: pathOf(url) });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-disposition']), /^attachment; filename="[0-9a-f-]{36}\.bin"/);
});

test('tampered, expired or unsigned links are 403; a deleted object is 404', async () => {
  const key = await store('deliverables', WAV, 'audio/wav');
  const url = pathOf(await t.ctx.storage.signedUrl(key, { expiresInSeconds: 60, downloadName: 'my song.wav' }));
  const other = await store('deliverables', WAV, 'audio/wav');
  const forged = [
    url.replace(/signature=([^&]+)/, (_m, sig: string) => `signature=${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`),
    url.replace('name=my%20song.wav', 'name=evil.html'),
    url.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 3600}`),
    url.replace(key, other),
    url.split('?')[0],
    url.replace(/&signature=[^&]+/, ''),
  ];
  for (const bad of forged) {
    const res = await t.request({ method: 'GET', url: bad });
    assert.equal(res.statusCode, 403, bad);
    assert.equal(res.json().error.code, 'forbidden');
  }

  const secret = deriveStorageSigningSecret(t.ctx.config.jwt.secret);
  const expired = makeLocalSignedUrl('http://x', key, { expiresInSeconds: 60 }, secret, new Date(Date.now() - 61_000));
  const res = await t.request({ method: 'GET', url: pathOf(expired) });
  assert.equal(res.statusCode, 403);

  await t.ctx.storage.delete(key);
  const gone = await t.request({ method: 'GET', url });
  assert.equal(gone.statusCode, 404);
});
