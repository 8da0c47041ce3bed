import assert from 'node:assert/strict';
import { test } from 'node:test';

import { decodeAll } from '../testing/signals.ts';
import {
  asciiBytes,
  buildWavBytes,
  chunkedStream,
  encodeFloatSamples,
  encodeIntSamples,
  randomIntChannels,
  type WavFields,
} from '../testing/wav-bytes.ts';
import { openAudioStream } from './index.ts';

function fields(channels: number, sampleRate: number, bits: number, formatTag = 1): WavFields {
  return { formatTag, channels, sampleRate, bitsPerSample: bits, blockAlign: (channels * bits) / 8 };
}

async function decodeBytes(bytes: Uint8Array, chunkSize = 65536) {
  const decoder = await openAudioStream(chunkedStream(bytes, chunkSize), bytes.length);
  const channels = await decodeAll(decoder);
  return { decoder, channels };
}

/** Integer PCM must come back exactly as float32(v / 2^(bits−1)) (8-bit is offset-binary). */
function assertIntExact(decoded: Float32Array[], expected: Int32Array[], bits: number): void {
  const scale = 2 ** (bits - 1);
  assert.equal(decoded.length, expected.length);
  for (let c = 0; c < expected.length; c++) {
    assert.equal(decoded[c]!.length, expected[c]!.length);
    for (let i = 0; i < expected[c]!.length; i++) {
      if (decoded[c]![i] !== Math.fround(expected[c]![i]! / scale)) {
        assert.fail(`channel ${c} frame ${i}: ${decoded[c]![i]! * scale} ≠ ${expected[c]![i]}`);
      }
    }
  }
}

for (const bits of [8, 16, 24, 32] as const) {
  for (const [channels, rate] of [[1, 8000], [2, 44100], [6, 96000], [2, 192000]] as const) {
    test(`decodes ${bits}-bit PCM, ${channels} ch at ${rate} Hz exactly`, async () => {
      const frames = 5000;
      const samples = randomIntChannels(channels, frames, bits, bits * 31 + channels);
      const bytes = buildWavBytes(fields(channels, rate, bits), encodeIntSamples(samples, bits));
      // An odd chunk size splits frames and headers across reads.
      const { decoder, channels: out } = await decodeBytes(bytes, 997);
      assert.deepEqual(decoder.info, {
        format: 'wav',
        sampleRate: rate,
        channels,
        bitDepth: bits,
        sampleFormat: 'int',
        frames,
      });
      assertIntExact(out, samples, bits);
      assert.deepEqual(decoder.progress(), { bytesRead: bytes.length, totalBytes: bytes.length });
    });
  }
}

for (const bits of [32, 64] as const) {
  test(`decodes ${bits}-bit IEEE float, values above full scale kept`, async () => {
    const frames = 3000;
    const planar = [0, 1].map((c) => Float64Array.from({ length: frames }, (_, i) => 1.5 * Math.sin(i * 0.01 + c)));
    const bytes = buildWavBytes(fields(2, 48000, bits, 3), encodeFloatSamples(planar, bits));
    const { decoder, channels } = await decodeBytes(bytes, 1001);
    assert.equal(decoder.info.sampleFormat, 'float');
    assert.equal(decoder.info.bitDepth, bits);
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < frames; i++) assert.equal(channels[c]![i], Math.fround(planar[c]![i]!));
    }
  });
}

test('decodes WAVE_FORMAT_EXTENSIBLE with PCM and float sub-formats', async () => {
  const samples = randomIntChannels(6, 2000, 24, 7);
  const pcm = buildWavBytes({ ...fields(6, 48000, 24), extensibleSubFormat: 1 }, encodeIntSamples(samples, 24));
  assertIntExact((await decodeBytes(pcm)).channels, samples, 24);
  const planar = [Float64Array.from({ length: 100 }, (_, i) => i / 100)];
  const float = buildWavBytes({ ...fields(1, 44100, 32), extensibleSubFormat: 3 }, encodeFloatSamples(planar, 32));
  const out = await decodeBytes(float);
  assert.equal(out.decoder.info.sampleFormat, 'float');
  assert.equal(out.channels[0]![99], Math.fround(0.99));
});

test('decodes RF64 with a ds64 chunk', async () => {
  const samples = randomIntChannels(2, 4000, 16, 3);
  const bytes = buildWavBytes({ ...fields(2, 44100, 16), rf64: true }, encodeIntSamples(samples, 16));
  assert.equal(String.fromCharCode(...bytes.subarray(0, 4)), 'RF64');
  const { decoder, channels } = await decodeBytes(bytes, 7);
  assert.equal(decoder.info.frames, 4000);
  assertIntExact(channels, samples, 16);
});

test('skips unknown chunks before fmt, including odd-sized ones with a pad byte', async () => {
  const samples = randomIntChannels(1, 999, 24, 5); // 2997 data bytes: odd, so padded too
  const bytes = buildWavBytes(
    {
      ...fields(1, 44100, 24),
      leadingChunks: [
        { id: 'bext', body: new Uint8Array(602) },
        { id: 'LIST', body: asciiBytes('INFOISFT odd-sized') },
        { id: 'junk', body: new Uint8Array(3) },
      ],
    },
    encodeIntSamples(samples, 24),
  );
  const trailing = buildWavBytes(fields(1, 44100, 24), encodeIntSamples(samples, 24));
  // A LIST chunk after data must not be read as audio.
  const withTail = new Uint8Array(trailing.length + 20);
  withTail.set(trailing);
  withTail.set(asciiBytes('LIST'), trailing.length);
  for (const file of [bytes, withTail]) {
    const { decoder, channels } = await decodeBytes(file, 13);
    assert.equal(decoder.info.frames, 999);
    assertIntExact(channels, samples, 24);
  }
});

test('reads a streaming WAV (data size 0 or 0xFFFFFFFF) to the end of the stream', async () => {
  const samples = randomIntChannels(2, 1500, 16, 9);
  for (const dataSize of [0, 0xffffffff]) {
    const bytes = buildWavBytes({ ...fields(2, 44100, 16), dataSize }, encodeIntSamples(samples, 16));
    const { decoder, channels } = await decodeBytes(bytes, 4096);
    assert.equal(decoder.info.frames, undefined);
    assertIntExact(channels, samples, 16);
  }
});

test('yields bounded blocks for long input', async () => {
  const samples = randomIntChannels(2, 100_000, 16, 11);
  const bytes = buildWavBytes(fields(2, 44100, 16), encodeIntSamples(samples, 16));
  const decoder = await openAudioStream(chunkedStream(bytes, 1 << 20));
  const sizes: number[] = [];
  for await (const block of decoder.blocks()) {
    sizes.push(block.frames);
    assert.ok(block.channels.every((c) => c.length === block.frames));
  }
  assert.equal(sizes.reduce((a, b) => a + b, 0), 100_000);
  assert.ok(Math.max(...sizes) <= 65536 && sizes.length >= 2);
  assert.throws(() => decoder.blocks(), /once/);
});

test('abandoning the blocks early closes the source', async () => {
  const samples = randomIntChannels(2, 200_000, 16, 13);
  const bytes = buildWavBytes(fields(2, 44100, 16), encodeIntSamples(samples, 16));
  let closed = false;
  let pulled = 0;
  const inner = chunkedStream(bytes, 65536);
  const source: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        pulled++;
        return inner.next();
      },
      return: async () => {
        closed = true;
        return { done: true, value: undefined };
      },
    }),
  };
  const decoder = await openAudioStream(source);
  for await (const block of decoder.blocks()) {
    assert.ok(block.frames > 0);
    break;
  }
  assert.ok(closed);
  assert.ok(pulled < 5, `pulled ${pulled} chunks`);
});

test('a header the decoder refuses closes the source too', async () => {
  let closed = false;
  const source: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => {
      const inner = chunkedStream(asciiBytes('<html>not audio</html>'), 4);
      return {
        next: () => inner.next(),
        return: async () => {
          closed = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  await assert.rejects(openAudioStream(source), /not a WAV, FLAC or MP3/);
  assert.ok(closed);
});
