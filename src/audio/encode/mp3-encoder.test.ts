import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { detectAudioFormat, openAudioFile } from '../decode/index.ts';
import { parseMpegFrameHeader } from '../decode/mpeg-header.ts';
import { decodeAll, testSignal, toBlocks } from '../testing/signals.ts';
import { createFileEncoder } from './index.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mp3-encoder-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const FRAME = 1152;
/** LAME's delay is 576 + 529 samples; allow a little slack for the decoder's own. */
const MAX_DELAY = 2 * FRAME;

/** Best normalized correlation of `out` against `ref` over lags 0..maxLag. */
function bestCorrelation(ref: Float32Array, out: Float32Array, maxLag: number): { lag: number; r: number } {
  let best = { lag: 0, r: -1 };
  const n = ref.length - 2 * FRAME;
  for (let lag = 0; lag <= maxLag; lag++) {
    let xy = 0;
    let xx = 0;
    let yy = 0;
    for (let i = FRAME; i < n; i++) {
      const x = ref[i]!;
      const y = out[i + lag]!;
      xy += x * y;
      xx += x * x;
      yy += y * y;
    }
    const r = xy / Math.sqrt(xx * yy);
    if (r > best.r) best = { lag, r };
  }
  return best;
}

for (const channels of [1, 2]) {
  test(`MP3 ${channels} ch at 320 kbps CBR decodes back with the right length and shape`, async () => {
    const frames = 44100 * 2;
    const input = testSignal(channels, frames, 44100, 0.5);
    const path = join(dir, `rt-${channels}.mp3`);
    const encoder = await createFileEncoder(path, { format: 'mp3', sampleRate: 44100, channels });
    for (const block of toBlocks(input, 4567)) await encoder.write(block);
    const result = await encoder.end();
    assert.equal(result.frames, frames);
    const bytes = await readFile(path);
    assert.equal(result.bytesWritten, bytes.length);
    assert.equal(detectAudioFormat(bytes.subarray(0, 4096)), 'mp3');
    const header = parseMpegFrameHeader(bytes, 0)!;
    assert.equal(header.bitrateKbps, 320);
    assert.equal(header.channels, channels);

    const decoder = await openAudioFile(path);
    assert.deepEqual(decoder.info, { format: 'mp3', sampleRate: 44100, channels });
    const out = await decodeAll(decoder);
    assert.equal(out.length, channels);
    const length = out[0]!.length;
    assert.ok(length >= frames && length <= frames + MAX_DELAY + FRAME, `decoded ${length} frames for ${frames}`);
    for (let c = 0; c < channels; c++) {
      const { lag, r } = bestCorrelation(input[c]!, out[c]!, MAX_DELAY);
      assert.ok(r > 0.99, `channel ${c}: correlation ${r} at lag ${lag}`);
      assert.ok(lag > 0 && lag < MAX_DELAY);
    }
  });
}

test('MP3 bitrate is configurable and multichannel output is refused', async () => {
  const path = join(dir, 'low.mp3');
  const encoder = await createFileEncoder(path, { format: 'mp3', sampleRate: 48000, channels: 2, mp3BitrateKbps: 128 });
  for (const block of toBlocks(testSignal(2, 48000, 48000), 8192)) await encoder.write(block);
  await encoder.end();
  assert.equal(parseMpegFrameHeader(await readFile(path), 0)!.bitrateKbps, 128);
  await assert.rejects(createFileEncoder(path, { format: 'mp3', sampleRate: 48000, channels: 6 }), /1–2 channels/);
  await assert.rejects(createFileEncoder(path, { format: 'mp3', sampleRate: 48000, channels: 2, mp3BitrateKbps: 333 }), /bitrate/);
});
