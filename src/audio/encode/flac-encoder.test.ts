import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { openAudioFile } from '../decode/index.ts';
import { decodeAll, testSignal, toBlocks } from '../testing/signals.ts';
import { createFileEncoder } from './index.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flac-encoder-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** Encodes, decodes with the WASM decoder, and checks every sample comes back exactly. */
async function roundTrip(name: string, input: Float32Array[], sampleRate: number, bitDepth: 16 | 24, blockFrames = 3000) {
  const path = join(dir, name);
  const encoder = await createFileEncoder(path, { format: 'flac', sampleRate, channels: input.length, bitDepth, dither: 'none' });
  for (const block of toBlocks(input, blockFrames)) await encoder.write(block);
  const result = await encoder.end();
  const bytes = await readFile(path);
  assert.equal(result.bytesWritten, bytes.length);
  const decoder = await openAudioFile(path);
  const frames = input[0]!.length;
  assert.deepEqual(decoder.info, { format: 'flac', sampleRate, channels: input.length, bitDepth, sampleFormat: 'int', frames: frames || undefined });
  const out = await decodeAll(decoder);
  const scale = 2 ** (bitDepth - 1);
  const ints = input.map((c) => Int32Array.from(c, (x) => Math.max(-scale, Math.min(scale - 1, Math.round(x * scale)))));
  for (let c = 0; c < input.length; c++) {
    assert.equal(out[c]!.length, frames);
    for (let i = 0; i < frames; i++) {
      if (Math.round(out[c]![i]! * scale) !== ints[c]![i]) assert.fail(`ch ${c} frame ${i}: ${out[c]![i]! * scale} ≠ ${ints[c]![i]}`);
    }
  }
  return { bytes, ints };
}

for (const [channels, rate] of [[1, 8000], [2, 44100], [6, 96000], [2, 192000], [2, 22050], [1, 11025], [2, 384000], [3, 37800]] as const) {
  for (const bitDepth of [16, 24] as const) {
    test(`FLAC ${bitDepth}-bit ${channels} ch ${rate} Hz round-trips exactly`, async () => {
      await roundTrip(`rt-${channels}-${rate}-${bitDepth}.flac`, testSignal(channels, 10_000, rate), rate, bitDepth);
    });
  }
}

test('STREAMINFO carries the MD5 of the PCM, as the spec requires', async () => {
  const { bytes, ints } = await roundTrip('md5.flac', testSignal(2, 9000, 44100), 44100, 24);
  const pcm = Buffer.alloc(9000 * 2 * 3);
  for (let i = 0; i < 9000; i++) for (let c = 0; c < 2; c++) pcm.writeIntLE(ints[c]![i]!, (i * 2 + c) * 3, 3);
  assert.deepEqual(bytes.subarray(26, 42), createHash('md5').update(pcm).digest());
});

test('silence, full-scale square waves, white noise and clipping all round-trip', async () => {
  const n = 9000;
  const silence = [new Float32Array(n), new Float32Array(n)];
  const square = [Float32Array.from({ length: n }, (_, i) => (i % 50 < 25 ? 1 : -1)), Float32Array.from({ length: n }, (_, i) => (i % 7 < 3 ? 0.999 : -1))];
  let s = 99;
  const noise = () => Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 31) - 1);
  const clipped = [Float32Array.from({ length: n }, (_, i) => 3 * Math.sin(i / 10)), Float32Array.from({ length: n }, (_, i) => -3 * Math.sin(i / 10))];
  for (const bitDepth of [16, 24] as const) {
    await roundTrip(`silence-${bitDepth}.flac`, silence, 48000, bitDepth);
    await roundTrip(`square-${bitDepth}.flac`, square, 48000, bitDepth);
    const white = await roundTrip(`noise-${bitDepth}.flac`, [noise(), noise()], 48000, bitDepth);
    // Incompressible input falls back to verbatim subframes: barely larger than raw PCM.
    assert.ok(white.bytes.length < n * 2 * (bitDepth / 8) * 1.01 + 1000);
    await roundTrip(`clip-${bitDepth}.flac`, clipped, 48000, bitDepth);
  }
  const silent = await readFile(join(dir, 'silence-16.flac'));
  assert.ok(silent.length < 200, 'constant subframes for silence');
});

test('short files: one frame, less than a block, exactly one block', async () => {
  for (const frames of [1, 15, 4095, 4096, 4097]) {
    await roundTrip(`short-${frames}.flac`, testSignal(2, frames, 44100), 44100, 16, 1000);
  }
});

test('tonal music-like input compresses well below raw PCM', async () => {
  const { bytes } = await roundTrip('tonal.flac', testSignal(2, 44100, 44100, 0.3), 44100, 16, 4096);
  assert.ok(bytes.length < 44100 * 4 * 0.7, `${bytes.length} bytes`);
});
