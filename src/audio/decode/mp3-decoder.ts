import { MPEGDecoder } from 'mpg123-decoder';

import { AudioError, type AudioDecoder, type AudioInfo, type PcmBlock } from '../types.ts';
import { onceIterable, splitBlock } from './blocks.ts';
import type { ByteReader } from './byte-reader.ts';
import { findMpegFrame, parseMpegFrameHeader } from './mpeg-header.ts';
import { withConsoleMuted } from './mute-console.ts';

const FEED_BYTES = 1 << 16;
/** How far past an ID3 tag the first frame may start (some taggers leave padding). */
const FRAME_SEARCH_BYTES = 1 << 16;
/** mpg123 resyncs over small damage; more errors than this share of frames means garbage. */
const MAX_ERRORS_FREE = 4;
const MAX_ERROR_SHARE = 0.05;

/**
 * Decodes MPEG audio (layers I–III) from a reader positioned after any ID3v2 tag.
 * `info` comes from the first frame header; `frames` stays undefined. A stream cut inside a
 * frame ends cleanly after the last complete frame, as mpg123 does.
 */
export async function openMp3Decoder(reader: ByteReader, totalBytes?: number): Promise<AudioDecoder> {
  const head = await reader.peek(FRAME_SEARCH_BYTES);
  const first = findMpegFrame(head);
  if (first < 0) throw new AudioError('unsupported_format', 'no MPEG audio frame found');
  const header = parseMpegFrameHeader(head, first)!;
  await reader.skip(first);
  const info: AudioInfo = { format: 'mp3', sampleRate: header.sampleRate, channels: header.channels };

  async function* decode(): AsyncGenerator<PcmBlock> {
    const decoder = new MPEGDecoder();
    let frames = 0;
    let errors = 0;
    try {
      await decoder.ready;
      for (;;) {
        const chunk = await reader.readChunk(FEED_BYTES);
        if (!chunk) break;
        const result = withConsoleMuted(() => decoder.decode(chunk));
        errors += result.errors.length;
        frames += result.samplesDecoded;
        const mpegFrames = frames / header.samplesPerFrame;
        if (errors > MAX_ERRORS_FREE && errors > mpegFrames * MAX_ERROR_SHARE) {
          throw new AudioError('corrupt_audio', `MPEG stream is damaged: ${errors} frames failed to decode`);
        }
        if (result.samplesDecoded === 0) continue;
        if (result.sampleRate !== info.sampleRate) {
          throw new AudioError('corrupt_audio', `MPEG sample rate changes from ${info.sampleRate} to ${result.sampleRate} Hz`);
        }
        // mpg123 always hands back two channels; mono streams carry a copy in the second.
        yield* splitBlock(result.channelData.slice(0, info.channels), result.samplesDecoded);
      }
      if (frames === 0) throw new AudioError('corrupt_audio', 'MPEG stream holds no decodable frame');
    } finally {
      decoder.free();
      await reader.close();
    }
  }

  return {
    info,
    blocks: onceIterable(decode),
    progress: () => ({ bytesRead: reader.position, totalBytes }),
  };
}
