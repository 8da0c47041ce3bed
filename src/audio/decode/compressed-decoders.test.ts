import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { createFileEncoder } from '../encode/index.ts';
import { decodeAll, testSignal, toBlocks } from '../testing/signals.ts';
import { id3v2Header } from '../testing/tags.ts';
import { chunkedStream, concatBytes } from '../testing/wav-bytes.ts';
import { openAudioFile, openAudioStream } from './index.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compressed-decoders-'));
});
after(() => rm(dir, { recursive: true, force: true }));

async function encodeFile(format: 'flac' | 'mp3', frames: number): Promise<string> {
  const path = join(dir, `in.${format}`);
  const encoder = await createFileEncoder(path, { format, sampleRate: 48000, channels: 2, bitDepth: format === 'flac' ? 24 : undefined });
  for (const block of toBlocks(testSignal(2, frames, 48000), 4000)) await encoder.write(block);
  await encoder.end();
  return path;
}

for (const format of ['flac', 'mp3'] as const) {
  test(`${format}: tiny stream chunks and a leading ID3v2 tag decode the same as the file`, async () => {
    const path = await encodeFile(format, 12_000);
    const fromFile = await decodeAll(await openAudioFile(path));
    const bytes = await readFile(path);
    const tagged = concatBytes([id3v2Header(300), new Uint8Array(300), bytes]);
    const decoder = await openAudioStream(chunkedStream(tagged, 37), tagged.length);
    assert.equal(decoder.info.format, format);
    assert.equal(decoder.info.sampleRate, 48000);
    assert.equal(decoder.info.channels, 2);
    const fromStream = await decodeAll(decoder);
    assert.deepEqual(fromStream, fromFile);
    assert.deepEqual(decoder.progress(), { bytesRead: tagged.length, totalBytes: tagged.length });
  });

  test(`${format}: progress grows while blocks are read`, async () => {
    const path = await encodeFile(format, 48000 * 8);
    const decoder = await openAudioFile(path);
    const seen: number[] = [];
    for await (const block of decoder.blocks()) {
      assert.ok(block.frames > 0 && block.frames <= 65536);
      seen.push(decoder.progress().bytesRead);
    }
    const { totalBytes } = decoder.progress();
    assert.ok(seen.length > 2);
    assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]!));
    assert.equal(seen.at(-1), totalBytes);
  });
}
