import assert from 'node:assert/strict';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { createByteReader } from '../decode/byte-reader.ts';
import { openAudioFile } from '../decode/index.ts';
import { readWavHeader } from '../decode/wav-header.ts';
import { decodeAll, testSignal, toBlocks } from '../testing/signals.ts';
import { chunkedStream } from '../testing/wav-bytes.ts';
import { AudioError } from '../types.ts';
import { buildWavHeader, createFileEncoder, createQuantizer, needsRf64, type EncoderOptions } from './index.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wav-encoder-'));
});
after(() => rm(dir, { recursive: true, force: true }));

async function encode(name: string, opts: EncoderOptions, channels: Float32Array[], blockFrames = 1000) {
  const path = join(dir, name);
  const encoder = await createFileEncoder(path, opts);
  for (const block of toBlocks(channels, blockFrames)) await encoder.write(block);
  const result = await encoder.end();
  return { path, result };
}

for (const [channels, rate] of [[1, 8000], [2, 44100], [6, 96000], [2, 192000]] as const) {
  for (const bitDepth of [16, 24, '32f'] as const) {
    test(`WAV ${bitDepth} ${channels} ch ${rate} Hz round-trips`, async () => {
      const frames = 7777;
      const input = testSignal(channels, frames, rate);
      const { path, result } = await encode(`rt-${bitDepth}.wav`, { format: 'wav', sampleRate: rate, channels, bitDepth, dither: 'none' }, input, 999);
      assert.equal(result.frames, frames);
      assert.equal(result.bytesWritten, (await readFile(path)).length);
      const decoder = await openAudioFile(path);
      assert.equal(decoder.info.sampleRate, rate);
      assert.equal(decoder.info.channels, channels);
      assert.equal(decoder.info.frames, frames);
      assert.equal(decoder.info.sampleFormat, bitDepth === '32f' ? 'float' : 'int');
      const out = await decodeAll(decoder);
      const scale = bitDepth === '32f' ? 0 : 2 ** ((bitDepth === 16 ? 16 : 24) - 1);
      for (let c = 0; c < channels; c++) {
        for (let i = 0; i < frames; i++) {
          const expected = scale ? Math.fround(Math.round(input[c]![i]! * scale) / scale) : input[c]![i];
          if (out[c]![i] !== expected) assert.fail(`ch ${c} frame ${i}: ${out[c]![i]} ≠ ${expected}`);
        }
      }
    });
  }
}

test('16-bit output is TPDF-dithered by default, deterministically', async () => {
  const input = testSignal(2, 20000, 44100, 0.3);
  const a = await readFile((await encode('d1.wav', { format: 'wav', sampleRate: 44100, channels: 2, bitDepth: 16 }, input)).path);
  const b = await readFile((await encode('d2.wav', { format: 'wav', sampleRate: 44100, channels: 2, bitDepth: 16 }, input)).path);
  const plain = await readFile((await encode('d3.wav', { format: 'wav', sampleRate: 44100, channels: 2, bitDepth: 16, dither: 'none' }, input)).path);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, plain);
  const decoded = await decodeAll(await openAudioFile(join(dir, 'd1.wav')));
  let sum = 0;
  for (let i = 0; i < 20000; i++) {
    const err = (decoded[0]![i]! - input[0]![i]!) * 32768;
    assert.ok(Math.abs(err) <= 1.5, `error ${err} LSB`);
    sum += err;
  }
  assert.ok(Math.abs(sum / 20000) < 0.05);
});

test('TPDF dither on silence gives −1/0/+1 LSB in 1/8, 3/4, 1/8 proportions', () => {
  const n = 200_000;
  const out = new Int32Array(n);
  createQuantizer(16, 'tpdf', 42).quantize(new Float32Array(n), out, 0, n);
  const counts = new Map<number, number>();
  for (const v of out) counts.set(v, (counts.get(v) ?? 0) + 1);
  assert.deepEqual([...counts.keys()].sort(), [-1, 0, 1]);
  assert.ok(Math.abs(counts.get(-1)! / n - 0.125) < 0.01);
  assert.ok(Math.abs(counts.get(1)! / n - 0.125) < 0.01);
});

test('quantization clamps instead of wrapping, and NaN becomes 0', () => {
  const out = new Int32Array(5);
  for (const dither of ['none', 'tpdf'] as const) {
    createQuantizer(16, dither, 1).quantize(Float32Array.from([1.5, -1.5, 1, -1, NaN]), out, 0, 5);
    assert.deepEqual([...out], [32767, -32768, 32767, -32768, 0]);
    createQuantizer(24, dither, 1).quantize(Float32Array.from([1e9, -1e9, 1, -1, NaN]), out, 0, 5);
    assert.deepEqual([...out], [8388607, -8388608, 8388607, -8388608, 0]);
  }
});

test('an odd-sized data chunk gets its pad byte and still parses', async () => {
  const { path, result } = await encode('odd.wav', { format: 'wav', sampleRate: 48000, channels: 1, bitDepth: 24 }, testSignal(1, 1001, 48000));
  const bytes = await readFile(path);
  assert.equal(bytes.length % 2, 0);
  assert.equal(result.bytesWritten, bytes.length);
  assert.equal((await decodeAll(await openAudioFile(path)))[0]!.length, 1001);
});

async function parseHeader(header: Uint8Array) {
  return readWavHeader(createByteReader(chunkedStream(header, 5)));
}

test('header switches to RF64 with ds64 past 4 GB, at the same length', async () => {
  const opts = { sampleRate: 48000, channels: 2, bitDepth: 24 as const };
  const blockAlign = 6;
  const small = buildWavHeader({ ...opts, frames: 1000 });
  const limitFrames = Math.floor((0xffffffff - (small.length - 8)) / blockAlign);
  assert.equal(needsRf64({ ...opts, frames: limitFrames }), false);
  assert.equal(needsRf64({ ...opts, frames: limitFrames + 1 }), true);

  const riff = buildWavHeader({ ...opts, frames: limitFrames });
  assert.equal(String.fromCharCode(...riff.subarray(0, 4)), 'RIFF');
  assert.equal(String.fromCharCode(...riff.subarray(12, 16)), 'JUNK');

  const frames = 6 * 3600 * 48000; // six hours: about 6.2 GB of audio
  const rf64 = buildWavHeader({ ...opts, frames });
  assert.equal(rf64.length, small.length);
  assert.equal(String.fromCharCode(...rf64.subarray(0, 4)), 'RF64');
  assert.equal(String.fromCharCode(...rf64.subarray(12, 16)), 'ds64');
  const dv = new DataView(rf64.buffer);
  assert.equal(dv.getUint32(4, true), 0xffffffff);
  const riffSize = dv.getUint32(20, true) + dv.getUint32(24, true) * 2 ** 32;
  assert.equal(riffSize, rf64.length - 8 + frames * blockAlign);
  const layout = await parseHeader(rf64);
  assert.equal(layout.dataBytes, frames * blockAlign);
  assert.equal(layout.info.frames, frames);
  assert.equal(layout.info.bitDepth, 24);
});

test('abort() deletes the partial file; misuse is refused', async () => {
  const path = join(dir, 'aborted.wav');
  const encoder = await createFileEncoder(path, { format: 'wav', sampleRate: 44100, channels: 2 });
  await encoder.write({ channels: testSignal(2, 100, 44100), frames: 100 });
  await assert.rejects(encoder.write({ channels: testSignal(1, 100, 44100), frames: 100 }), AudioError);
  await encoder.abort();
  await assert.rejects(access(path));
  await assert.rejects(createFileEncoder(path, { format: 'wav', sampleRate: 1000, channels: 2 }), /sample rate/);
  await assert.rejects(createFileEncoder(path, { format: 'flac', sampleRate: 44100, channels: 2, bitDepth: '32f' }), /bit depth/);
});
