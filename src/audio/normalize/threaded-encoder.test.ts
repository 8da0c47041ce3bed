import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileEncoder } from '../encode/index.ts';
import { musicLike } from '../dynamics/testing/test-signals.ts';
import { AudioError } from '../types.ts';
import { createThreadedEncoder } from './threaded-encoder.ts';

const dir = await mkdtemp(join(tmpdir(), 'threaded-encoder-'));
test.after(() => rm(dir, { recursive: true, force: true }));

function blocks(): { channels: Float32Array[]; frames: number }[] {
  const [l, r] = musicLike(1, 44100, 3);
  const out = [];
  for (let pos = 0; pos < l.length; pos += 5000) {
    const frames = Math.min(5000, l.length - pos);
    out.push({ channels: [l.slice(pos, pos + frames), r.slice(pos, pos + frames)], frames });
  }
  return out;
}

test('writes the same bytes as the encoder on this thread', async () => {
  for (const [name, options] of [
    ['a.wav', { format: 'wav', sampleRate: 44100, channels: 2, bitDepth: 24 }],
    ['a.flac', { format: 'flac', sampleRate: 44100, channels: 2, bitDepth: 16, dither: 'none' }],
  ] as const) {
    const here = await createFileEncoder(join(dir, `here-${name}`), options);
    for (const b of blocks()) await here.write(b);
    const expected = await here.end();
    const threaded = await createThreadedEncoder(join(dir, `thread-${name}`), options);
    for (const b of blocks()) await threaded.write(b);
    assert.deepEqual(await threaded.end(), expected);
    assert.deepEqual(await readFile(join(dir, `thread-${name}`)), await readFile(join(dir, `here-${name}`)));
  }
});

test('reports encoder errors as AudioError and abort removes the partial file', async () => {
  const bad = await createThreadedEncoder(join(dir, 'bad.flac'), { format: 'flac', sampleRate: 44100, channels: 2, bitDepth: '32f' });
  await assert.rejects(async () => {
    for (const b of blocks()) await bad.write(b);
    await bad.end();
  }, AudioError);
  await bad.abort();
  const sub = await mkdtemp(join(dir, 'abort-'));
  const enc = await createThreadedEncoder(join(sub, 'x.wav'), { format: 'wav', sampleRate: 44100, channels: 2 });
  for (const b of blocks().slice(0, 3)) await enc.write(b);
  await enc.abort();
  assert.deepEqual(await readdir(sub), []);
});
