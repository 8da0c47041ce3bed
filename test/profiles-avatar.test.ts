// Avatars over HTTP: images only (judged by their bytes), a size limit enforced while streaming, and
// the stored object served back from our own origin.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

const MAX_BYTES = 4096;
// A valid 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

let t: TestApp;
let counter = 0;

before(async () => {
  t = await createTestApp({ env: { AVATAR_MAX_BYTES: String(MAX_BYTES), PUBLIC_URL: 'https://bb.example' } });
});
after(async () => {
  await t?.close();
});

async function signUp(): Promise<{ token: string; id: string }> {
  const email = `avatar-${process.pid}-${++counter}@example.com`;
  const res = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email, password: 'correct horse battery' } });
  assert.equal(res.statusCode, 201, res.body);
  return { token: res.json().accessToken, id: res.json().user.id };
}

/** Every file under the storage root, temp files included. */
function storedFiles(): string[] {
  try {
    return readdirSync(join(t.dataDir, 'storage'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath ?? (e as any).path, e.name))
      .sort();
  } catch {
    return [];
  }
}

function multipart(fieldname: string, filename: string, contentType: string, data: Buffer) {
  const boundary = `----bb${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${fieldname}"; filename="${filename}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function uploadRaw(token: string, data: Buffer, contentType = 'image/png') {
  return t.request({ method: 'POST', url: '/api/me/avatar', token, payload: data, headers: { 'content-type': contentType } });
}

function uploadMultipart(token: string, data: Buffer, filename = 'me.png', contentType = 'image/png', field = 'file') {
  return t.request({ method: 'POST', url: '/api/me/avatar', token, ...multipart(field, filename, contentType, data) });
}

const pathOf = (url: string) => new URL(url).pathname;

test('a PNG is stored under a server key and served back byte-identical, with ranges', async () => {
  const me = await signUp();
  const res = await uploadRaw(me.token, PNG);
  assert.equal(res.statusCode, 200, res.body);
  const { avatarUrl } = res.json();
  assert.match(avatarUrl, new RegExp(`^https://bb\\.example/api/storage/public/avatars/${me.id}/[0-9a-f-]{36}\\.png$`));

  const got = await t.request({ method: 'GET', url: pathOf(avatarUrl) });
  assert.equal(got.statusCode, 200);
  assert.deepEqual(got.rawPayload, PNG);
  assert.equal(got.headers['content-type'], 'image/png');
  assert.equal(got.headers['content-length'], String(PNG.length));
  assert.equal(got.headers['x-content-type-options'], 'nosniff');
  assert.equal(got.headers['accept-ranges'], 'bytes');
  assert.match(String(got.headers['cache-control']), /public/);
  assert.ok(got.headers.etag && got.headers['last-modified']);

  const part = await t.request({ method: 'GET', url: pathOf(avatarUrl), headers: { range: 'bytes=0-7' } });
  assert.equal(part.statusCode, 206);
  assert.equal(part.headers['content-range'], `bytes 0-7/${PNG.length}`);
  assert.deepEqual(part.rawPayload, PNG.subarray(0, 8));

  const tail = await t.request({ method: 'GET', url: pathOf(avatarUrl), headers: { range: 'bytes=-4' } });
  assert.equal(tail.statusCode, 206);
  assert.deepEqual(tail.rawPayload, PNG.subarray(PNG.length - 4));

  const past = await t.request({ method: 'GET', url: pathOf(avatarUrl), headers: { range: `bytes=${PNG.length}-` } });
  assert.equal(past.statusCode, 416);
  assert.equal(past.headers['content-range'], `bytes */${PNG.length}`);

  const head = await t.request({ method: 'HEAD', url: pathOf(avatarUrl), headers: { range: 'bytes=2-5' } });
  assert.equal(head.statusCode, 206);
  assert.equal(head.headers['content-length'], '4');
  assert.equal(head.headers['content-range'], `bytes 2-5/${PNG.length}`);
  assert.equal(head.rawPayload.length, 0);

  const cached = await t.request({ method: 'GET', url: pathOf(avatarUrl), headers: { 'if-none-match': String(got.headers.etag) } });
  assert.equal(cached.statusCode, 304);
  assert.equal(cached.rawPayload.length, 0);

  const me2 = await t.request({ method: 'GET', url: '/api/me', token: me.token });
  assert.equal(me2.json().avatarUrl, avatarUrl);
});

test('multipart upload: the type stored is the detected one, not the declared one', async () => {
  const me = await signUp();
  const res = await uploadMultipart(me.token, GIF, 'looks-like.png', 'image/png');
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.json().avatarUrl, /\.gif$/);
  const got = await t.request({ method: 'GET', url: pathOf(res.json().avatarUrl) });
  assert.equal(got.headers['content-type'], 'image/gif');
  assert.deepEqual(got.rawPayload, GIF);
});

test('SVG, HTML and text are refused with 415 whatever they claim to be, and nothing is stored', async () => {
  const me = await signUp();
  const before = storedFiles();
  const disguised = [
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
    Buffer.from('just some text, honestly a png'),
  ];
  for (const data of disguised) {
    for (const res of [
      await uploadRaw(me.token, data, 'image/png'),
      await uploadRaw(me.token, data, 'image/svg+xml'),
      await uploadMultipart(me.token, data, 'avatar.png', 'image/png'),
    ]) {
      assert.equal(res.statusCode, 415, res.body);
      assert.equal(res.json().error.code, 'unsupported_media_type');
    }
  }
  const json = await t.request({ method: 'POST', url: '/api/me/avatar', token: me.token, body: { file: 'x' } });
  assert.equal(json.statusCode, 415);
  assert.deepEqual(storedFiles(), before);
  assert.equal((await t.request({ method: 'GET', url: '/api/me', token: me.token })).json().avatarUrl, null);
});

test('over the size limit is 413 and leaves nothing in storage', async () => {
  const me = await signUp();
  const before = storedFiles();
  const big = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES + 1 - PNG.length, 0x41)]);
  assert.equal(big.length, MAX_BYTES + 1);
  const raw = await uploadRaw(me.token, big);
  assert.equal(raw.statusCode, 413, raw.body);
  assert.equal(raw.json().error.code, 'payload_too_large');
  const form = await uploadMultipart(me.token, big);
  assert.equal(form.statusCode, 413, form.body);
  // No Content-Length to go by: refused while streaming.
  const chunked = await t.app.inject({
    method: 'POST',
    url: '/api/me/avatar',
    headers: { authorization: `Bearer ${me.token}`, 'content-type': 'image/png', 'transfer-encoding': 'chunked' },
    payload: Readable.from((function* () {
      for (let i = 0; i < big.length; i += 512) yield big.subarray(i, i + 512);
    })()),
  });
  assert.equal(chunked.statusCode, 413, chunked.body);
  assert.deepEqual(storedFiles(), before);

  // Exactly at the limit is fine.
  const fits = await uploadRaw(me.token, big.subarray(0, MAX_BYTES));
  assert.equal(fits.statusCode, 200, fits.body);
});

test('replacing an avatar deletes the old object; DELETE removes it', async () => {
  const me = await signUp();
  const first = (await uploadRaw(me.token, PNG)).json().avatarUrl;
  const second = (await uploadMultipart(me.token, GIF, 'b.gif', 'image/gif')).json().avatarUrl;
  assert.notEqual(first, second);
  const oldKey = pathOf(first).replace('/api/storage/public/', '');
  assert.equal(await t.ctx.storage.head(oldKey), null);
  assert.equal((await t.request({ method: 'GET', url: pathOf(first) })).statusCode, 404);
  assert.equal((await t.request({ method: 'GET', url: pathOf(second) })).statusCode, 200);

  const removed = await t.request({ method: 'DELETE', url: '/api/me/avatar', token: me.token });
  assert.equal(removed.statusCode, 200, removed.body);
  assert.equal(removed.json().avatarUrl, null);
  assert.equal(await t.ctx.storage.head(pathOf(second).replace('/api/storage/public/', '')), null);
  const again = await t.request({ method: 'DELETE', url: '/api/me/avatar', token: me.token });
  assert.equal(again.statusCode, 200);
});

test('a missing file field, or no credentials, is refused', async () => {
  const me = await signUp();
  const wrongField = await uploadMultipart(me.token, PNG, 'a.png', 'image/png', 'picture');
  assert.equal(wrongField.statusCode, 400, wrongField.body);
  assert.equal(wrongField.json().error.details.field, 'file');
  const empty = await uploadRaw(me.token, Buffer.alloc(0));
  assert.equal(empty.statusCode, 400, empty.body);
  assert.equal(empty.json().error.details.field, 'file');
  const anonymous = await t.request({ method: 'POST', url: '/api/me/avatar', payload: PNG, headers: { 'content-type': 'image/png' } });
  assert.equal(anonymous.statusCode, 401);
  assert.equal((await t.request({ method: 'DELETE', url: '/api/me/avatar' })).statusCode, 401);
});

test('over a real socket, an oversized upload gets its 413 while the client is still sending', async () => {
  const me = await signUp();
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const before = storedFiles();
  for (const contentType of ['image/png', 'multipart/form-data; boundary=xyz']) {
    let sent = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${address}/api/me/avatar`, {
        method: 'POST',
        headers: { authorization: `Bearer ${me.token}`, 'content-type': contentType },
      });
      req.on('response', (res) => {
        res.resume();
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      const head = contentType === 'image/png' ? PNG : Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n');
      req.write(head);
      if (head !== PNG) req.write(PNG);
      const pump = () => {
        // Far more than the limit; the answer must come long before this is all sent.
        if (req.destroyed || sent > 64 * 1024 * 1024) return req.end();
        sent += 16 * 1024;
        if (req.write(Buffer.alloc(16 * 1024, 0x41))) setImmediate(pump);
        else req.once('drain', pump);
      };
      pump();
    });
    assert.equal(status, 413, contentType);
    assert.ok(sent < 64 * 1024 * 1024, `${contentType}: answered only after ${sent} bytes`);
  }
  assert.deepEqual(storedFiles(), before);
});
