// Malformed and hostile inputs: each must end in an AudioError (or a documented clean end)
// quickly and without allocating what the file claims.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { createFileEncoder } from '../encode/index.ts';
import { testSignal, toBlocks } from '../testing/signals.ts';
import { apeTag, id3v1Tag, id3v2Header as id3Header } from '../testing/tags.ts';
import { asciiBytes, buildWavBytes, chunkedStream, concatBytes, encodeIntSamples, randomIntChannels, type WavFields } from '../testing/wav-bytes.ts';
import { AudioError } from '../types.ts';
import { openAudioFile, openAudioStream } from './index.ts';

const TIME_LIMIT_MS = 2000;
const RSS_LIMIT_BYTES = 150 * 2 ** 20;

let dir = '';
let flacBytes = new Uint8Array(0);
let mp3Bytes = new Uint8Array(0);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broken-audio-'));
  const signal = testSignal(2, 44100, 44100);
  for (const format of ['flac', 'mp3'] as const) {
    const encoder = await createFileEncoder(join(dir, `ok.${format}`), { format, sampleRate: 44100, channels: 2, bitDepth: format === 'flac' ? 16 : undefined });
    for (const block of toBlocks(signal, 10000)) await encoder.write(block);
    await encoder.end();
  }
  flacBytes = await readFile(join(dir, 'ok.flac'));
  mp3Bytes = await readFile(join(dir, 'ok.mp3'));
});
after(() => rm(dir, { recursive: true, force: true }));

type Outcome = { error: string; message: string } | { frames: number };

/** Opens and fully decodes a file, bounded in time and memory; returns how it ended. */
async function decodeFile(name: string, bytes: Uint8Array): Promise<Outcome> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return bounded(async () => {
    const decoder = await openAudioFile(path);
    let frames = 0;
    for await (const block of decoder.blocks()) frames += block.frames;
    return frames;
  });
}

async function bounded(run: () => Promise<number>): Promise<Outcome> {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = { frames: await run() };
  } catch (err) {
    if (!(err instanceof AudioError)) throw err;
    outcome = { error: err.code, message: err.message };
  }
  assert.ok(performance.now() - started < TIME_LIMIT_MS, 'took too long');
  assert.ok(process.memoryUsage().rss - rssBefore < RSS_LIMIT_BYTES, 'memory grew too much');
  return outcome;
}

function assertError(outcome: Outcome, code: string, pattern?: RegExp): void {
  assert.ok('error' in outcome, `expected ${code}, decoded ${JSON.stringify(outcome)}`);
  assert.equal(outcome.error, code, outcome.message);
  if (pattern) assert.match(outcome.message, pattern);
}

const stereo16: WavFields = { formatTag: 1, channels: 2, sampleRate: 44100, blockAlign: 4, bitsPerSample: 16 };
const pcm = encodeIntSamples(randomIntChannels(2, 4410, 16), 16);
const goodWav = buildWavBytes(stereo16, pcm);

const wavCases: [string, Uint8Array, string, RegExp?][] = [
  ['truncated header', goodWav.subarray(0, 30), 'truncated_audio'],
  ['only RIFF magic', goodWav.subarray(0, 12), 'invalid_header', /no fmt/],
  ['zero channels', buildWavBytes({ ...stereo16, channels: 0 }, pcm), 'invalid_header', /0 channels/],
  ['sample rate 0', buildWavBytes({ ...stereo16, sampleRate: 0 }, pcm), 'invalid_header', /sample rate/],
  ['sample rate 4 000 000', buildWavBytes({ ...stereo16, sampleRate: 4_000_000 }, pcm), 'invalid_header', /sample rate/],
  ['block align 0', buildWavBytes({ ...stereo16, blockAlign: 0 }, pcm), 'invalid_header', /block align/],
  ['inconsistent block align', buildWavBytes({ ...stereo16, blockAlign: 6 }, pcm), 'invalid_header', /block align/],
  ['0 bits per sample', buildWavBytes({ ...stereo16, bitsPerSample: 0 }, pcm), 'invalid_header', /bits/],
  ['7 bits per sample', buildWavBytes({ ...stereo16, bitsPerSample: 7 }, pcm), 'invalid_header', /bits/],
  ['64-bit integer samples', buildWavBytes({ ...stereo16, bitsPerSample: 64, blockAlign: 16 }, pcm), 'invalid_header', /bits/],
  ['MS ADPCM codec', buildWavBytes({ ...stereo16, formatTag: 0x0002 }, pcm), 'unsupported_codec', /ADPCM/],
  ['µ-law codec', buildWavBytes({ ...stereo16, formatTag: 0x0007, bitsPerSample: 8, blockAlign: 2 }, pcm), 'unsupported_codec'],
  ['unknown extensible sub-format', buildWavBytes({ ...stereo16, extensibleSubFormat: 0x0002 }, pcm), 'unsupported_codec'],
  ['fmt size 0xFFFFFFF0', buildWavBytes({ ...stereo16, fmtSize: 0xfffffff0 }, pcm), 'invalid_header', /fmt chunk size/],
  ['fmt size 0', buildWavBytes({ ...stereo16, fmtSize: 0 }, pcm), 'invalid_header'],
  ['data size past end of file', buildWavBytes({ ...stereo16, dataSize: 0x7ffffff0 }, pcm), 'truncated_audio', /frames before/],
  ['data cut in the middle', goodWav.subarray(0, goodWav.length - 5000), 'truncated_audio'],
  ['a chunk claiming 4 GB before fmt', buildWavBytes({ ...stereo16, leadingChunks: [{ id: 'LIST', body: new Uint8Array(8) }] }, pcm).map((b, i) => (i >= 16 && i < 20 ? 0xff : b)), 'truncated_audio'],
  ['data before fmt', concatBytes([asciiBytes('RIFF\x24\x00\x00\x00WAVEdata\x04\x00\x00\x00\x00\x00\x00\x00')]), 'invalid_header', /before the fmt/],
];

for (const [name, bytes, code, pattern] of wavCases) {
  test(`broken WAV: ${name} → ${code}`, async () => {
    assertError(await decodeFile('broken.wav', bytes), code, pattern);
  });
}

test('truncated WAV data still yields the frames that are there before the error', async () => {
  const decoder = await openAudioStream(chunkedStream(goodWav.subarray(0, goodWav.length - 4000), 4096));
  let frames = 0;
  await assert.rejects(async () => {
    for await (const block of decoder.blocks()) frames += block.frames;
  }, (err: AudioError) => err.code === 'truncated_audio');
  assert.equal(frames, 4410 - 1000);
});

const notAudio: [string, Uint8Array][] = [
  ['empty file', new Uint8Array(0)],
  ['random bytes', Uint8Array.from(randomIntChannels(1, 100_000, 8, 77)[0]!, (v) => v + 128)],
  ['an HTML page', asciiBytes('<!DOCTYPE html><html><head><title>song</title></head><body>hi</body></html>\n'.repeat(50))],
  ['an SVG image', asciiBytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
  ['an M3U playlist', asciiBytes('#EXTM3U\n#EXTINF:123,Artist - Title\nhttp://example.com/song.mp3\n')],
  ['a lone MPEG sync followed by text', concatBytes([new Uint8Array([0xff, 0xfb, 0x90, 0x64]), asciiBytes('x'.repeat(5000))])],
];
for (const [name, bytes] of notAudio) {
  test(`${name} named .mp3 → unsupported_format`, async () => {
    assertError(await decodeFile('upload.mp3', bytes), 'unsupported_format');
  });
}

test('FLAC truncated mid-frame → truncated_audio', async () => {
  assertError(await decodeFile('cut.flac', flacBytes.subarray(0, Math.floor(flacBytes.length * 0.6))), 'truncated_audio');
});

test('FLAC header followed by garbage → AudioError', async () => {
  const garbage = Uint8Array.from(randomIntChannels(1, 200_000, 8, 5)[0]!, (v) => v + 128);
  const outcome = await decodeFile('garbage.flac', concatBytes([flacBytes.subarray(0, 42), garbage]));
  assert.ok('error' in outcome && ['corrupt_audio', 'truncated_audio'].includes(outcome.error), JSON.stringify(outcome));
});

test('FLAC with STREAMINFO cut short → truncated_audio', async () => {
  assertError(await decodeFile('short.flac', flacBytes.subarray(0, 20)), 'truncated_audio');
});

test('MP3 truncated mid-frame ends cleanly after the last whole frame', async () => {
  const whole = await decodeFile('whole.mp3', mp3Bytes);
  const cut = await decodeFile('cut.mp3', mp3Bytes.subarray(0, Math.floor(mp3Bytes.length / 2) + 100));
  assert.ok('frames' in whole && 'frames' in cut);
  assert.ok(cut.frames > 0 && cut.frames < whole.frames);
  assert.equal(cut.frames % 1152, 0);
});

test('ID3v2 tag claiming 100 MB followed by nothing → truncated_audio', async () => {
  assertError(await decodeFile('tag-only.mp3', concatBytes([id3Header(100 * 2 ** 20), new Uint8Array(1000)])), 'truncated_audio', /ID3/);
});

test('ID3v2 tag followed by junk → unsupported_format', async () => {
  assertError(await decodeFile('tag-junk.mp3', concatBytes([id3Header(100), new Uint8Array(100), asciiBytes('<html>'.repeat(100))])), 'unsupported_format');
});

test('a real 100 MB ID3v2 tag is streamed past, not buffered', async () => {
  const tagBytes = 100 * 2 ** 20;
  const zeros = new Uint8Array(2 ** 20);
  async function* source(): AsyncGenerator<Uint8Array> {
    yield id3Header(tagBytes);
    for (let i = 0; i < tagBytes / zeros.length; i++) yield zeros;
    yield flacBytes;
  }
  const outcome = await bounded(async () => {
    const decoder = await openAudioStream(source());
    assert.equal(decoder.info.format, 'flac');
    let frames = 0;
    for await (const block of decoder.blocks()) frames += block.frames;
    return frames;
  });
  assert.deepEqual(outcome, { frames: 44100 });
});

test('a flood of empty chunks before fmt is refused quickly', async () => {
  const empty = asciiBytes('JUNK\0\0\0\0');
  const flood = concatBytes([goodWav.subarray(0, 12), ...Array.from({ length: 200_000 }, () => empty), goodWav.subarray(12)]);
  assertError(await decodeFile('flood.wav', flood), 'invalid_header', /chunks/);
});

test('two stacked ID3v2 tags before MP3 audio are both skipped', async () => {
  const tags = concatBytes([id3Header(50), new Uint8Array(50), id3Header(70), new Uint8Array(70)]);
  const outcome = await decodeFile('two-tags.mp3', concatBytes([tags, mp3Bytes]));
  const whole = await decodeFile('whole.mp3', mp3Bytes);
  assert.deepEqual(outcome, whole);
});

test('FLAC with APEv2 and ID3v1 tags appended still decodes every frame', async () => {
  const tags = concatBytes([apeTag(300, true), id3v1Tag()]);
  assert.deepEqual(await decodeFile('tagged.flac', concatBytes([flacBytes, tags])), { frames: 44100 });
});
