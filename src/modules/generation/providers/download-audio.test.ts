import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DownloadError, downloadAudio } from './download-audio.ts';

const wavHead = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1'), Buffer.alloc(2000)]);
let base = '';
let dir = '';
const server = createServer((req, res) => {
  if (req.url === '/ok.wav') return res.end(wavHead);
  if (req.url === '/html.mp3') return res.end('<html>not found</html>');
  if (req.url === '/gone') return void res.writeHead(404).end();
  if (req.url === '/chunked-big') {
    // No Content-Length: the limit must hold while streaming.
    res.write(wavHead);
    res.write(Buffer.alloc(5000));
    return res.end();
  }
  if (req.url === '/slow') return void setTimeout(() => res.end(wavHead), 2000).unref();
  res.writeHead(500).end();
});

before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'download-audio-'));
});
after(async () => {
  server.closeAllConnections();
  server.close();
  await rm(dir, { recursive: true, force: true });
});

const opts = { maxBytes: 4000, timeoutMs: 500 };

test('downloads audio and recognises it', async () => {
  assert.deepEqual(await downloadAudio(`${base}/ok.wav`, join(dir, 'a'), opts), { format: 'wav', bytes: wavHead.length });
});

test('refuses too large (while streaming), not audio, 404, slow and non-http URLs, leaving no file', async () => {
  const cases: [string, boolean][] = [
    [`${base}/chunked-big`, false],
    [`${base}/html.mp3`, false],
    [`${base}/gone`, false],
    [`${base}/slow`, true],
    [`${base}/error`, true],
    ['file:///etc/passwd', false],
  ];
  for (const [i, [url, retryable]] of cases.entries()) {
    const path = join(dir, `f${i}`);
    await assert.rejects(downloadAudio(url, path, opts), (err: unknown) => err instanceof DownloadError && err.retryable === retryable);
    assert.equal(existsSync(path), false);
  }
});
