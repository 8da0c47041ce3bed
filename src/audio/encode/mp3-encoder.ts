import { createMp3Encoder as createLameEncoder } from 'wasm-media-encoders';

import { AudioError } from '../types.ts';
import { createBufferedFileWriter } from './buffered-file-writer.ts';
import { checkBlock, type AudioEncoder } from './types.ts';

export interface Mp3EncoderOptions {
  sampleRate: number;
  channels: number;
  bitrateKbps: number;
}

const CBR_BITRATES = [8, 16, 24, 32, 40, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320] as const;
type CbrBitrate = (typeof CBR_BITRATES)[number];
/** LAME is fed this many frames per call; its output buffer is sized for one call. */
const FEED_FRAMES = 16384;

/** Constant-bitrate MP3 through LAME compiled to WASM (wasm-media-encoders). */
export async function createMp3FileEncoder(path: string, opts: Mp3EncoderOptions): Promise<AudioEncoder> {
  const { channels, sampleRate, bitrateKbps } = opts;
  if (channels !== 1 && channels !== 2) {
    throw new AudioError('invalid_argument', `MP3 holds 1 or 2 channels, not ${channels}`);
  }
  if (!CBR_BITRATES.includes(bitrateKbps as CbrBitrate)) {
    throw new AudioError('invalid_argument', `MP3 bitrate ${bitrateKbps} kbps is not one of ${CBR_BITRATES.join(', ')}`);
  }
  const lame = await createLameEncoder();
  lame.configure({ channels, sampleRate, bitrate: bitrateKbps as CbrBitrate });
  const writer = await createBufferedFileWriter(path);
  let frames = 0;
  let finished = false;

  return {
    async write(block) {
      if (finished) throw new AudioError('invalid_argument', 'write() after end()');
      checkBlock(block, channels);
      for (let start = 0; start < block.frames; start += FEED_FRAMES) {
        const end = Math.min(block.frames, start + FEED_FRAMES);
        // The returned bytes are a view into WASM memory, overwritten by the next call:
        // the buffered writer copies them before anything else touches the encoder.
        await writer.write(lame.encode(block.channels.slice(0, channels).map((c) => c.subarray(start, end))));
      }
      frames += block.frames;
    },
    async end() {
      if (finished) throw new AudioError('invalid_argument', 'end() called twice');
      finished = true;
      await writer.write(lame.finalize());
      const bytesWritten = writer.bytesWritten;
      await writer.close();
      return { bytesWritten, frames };
    },
    abort: () => {
      finished = true;
      return writer.abort();
    },
  };
}
