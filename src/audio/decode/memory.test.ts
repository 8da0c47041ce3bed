import assert from 'node:assert/strict';
import { test } from 'node:test';

import { buildWavBytes } from '../testing/wav-bytes.ts';
import { openAudioStream } from './index.ts';

test('a 30-minute stereo WAV streams through in bounded memory', async () => {
  const sampleRate = 44100;
  const frames = 30 * 60 * sampleRate;
  const dataBytes = frames * 4;
  const header = buildWavBytes(
    { formatTag: 1, channels: 2, sampleRate, blockAlign: 4, bitsPerSample: 16, dataSize: dataBytes },
    new Uint8Array(0),
  );
  // A ramp pattern the decoder must reproduce; each chunk is a fresh buffer, as from a socket.
  const pattern = new Uint8Array(1 << 20);
  const dv = new DataView(pattern.buffer);
  for (let i = 0; i < pattern.length / 2; i++) dv.setInt16(i * 2, (i % 2000) - 1000, true);
  async function* source(): AsyncGenerator<Uint8Array> {
    yield header;
    for (let sent = 0; sent < dataBytes; sent += pattern.length) {
      const chunk = new Uint8Array(Math.min(pattern.length, dataBytes - sent));
      chunk.set(pattern.subarray(0, chunk.length));
      yield chunk;
    }
  }

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakGrowth = 0;
  const decoder = await openAudioStream(source(), header.length + dataBytes);
  assert.equal(decoder.info.frames, frames);
  let decoded = 0;
  let blocks = 0;
  for await (const block of decoder.blocks()) {
    // Frame f of the stream holds ramp values 2f and 2f+1 (mod the 1 MiB pattern).
    const firstSample = ((decoded * 2) % (pattern.length / 2)) % 2000;
    assert.equal(Math.round(block.channels[0]![0]! * 32768), firstSample - 1000);
    decoded += block.frames;
    if (++blocks % 64 === 0) peakGrowth = Math.max(peakGrowth, process.memoryUsage().rss - rssBefore);
  }
  assert.equal(decoded, frames);
  assert.deepEqual(decoder.progress(), { bytesRead: header.length + dataBytes, totalBytes: header.length + dataBytes });
  assert.ok(peakGrowth < 100 * 2 ** 20, `RSS grew by ${(peakGrowth / 2 ** 20).toFixed(0)} MB`);
});
