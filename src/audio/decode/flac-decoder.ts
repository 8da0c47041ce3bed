import { FLACDecoder } from '@wasm-audio-decoders/flac';

import { AudioError, type AudioDecoder, type AudioInfo, type PcmBlock } from '../types.ts';
import { onceIterable, splitBlock } from './blocks.ts';
import type { ByteReader } from './byte-reader.ts';
import { withConsoleMuted } from './mute-console.ts';
import { findLastFlacFrame } from './flac-last-frame.ts';
import { createTailHolder } from './trailing-tags.ts';
import { MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from './wav-header.ts';

const FEED_BYTES = 1 << 18;
/** Enough for ID3v1 plus a typical APEv2 tag at the end of the file. */
const TAIL_HOLD_BYTES = 1 << 17;

/** Reads STREAMINFO, which the format requires as the first metadata block after `fLaC`. */
function parseStreamInfo(head: Uint8Array): AudioInfo {
  if (head.length < 42) throw new AudioError('truncated_audio', 'FLAC file ends inside STREAMINFO');
  const blockType = head[4]! & 0x7f;
  const blockLength = (head[5]! << 16) | (head[6]! << 8) | head[7]!;
  if (blockType !== 0 || blockLength !== 34) {
    throw new AudioError('invalid_header', 'FLAC stream does not start with a STREAMINFO block');
  }
  const dv = new DataView(head.buffer, head.byteOffset + 8, 34);
  const packed = dv.getUint32(10);
  const sampleRate = packed >>> 12;
  const channels = ((packed >>> 9) & 7) + 1;
  const bitDepth = ((packed >>> 4) & 31) + 1;
  const totalSamples = (packed & 15) * 2 ** 32 + dv.getUint32(14);
  if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw new AudioError('invalid_header', `FLAC sample rate ${sampleRate} Hz is outside ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE} Hz`);
  }
  if (bitDepth < 4) throw new AudioError('invalid_header', `FLAC declares ${bitDepth} bits per sample`);
  return {
    format: 'flac',
    sampleRate,
    channels,
    bitDepth,
    sampleFormat: 'int',
    frames: totalSamples > 0 ? totalSamples : undefined,
  };
}

interface Decoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  errors: { message?: string }[];
}

/** Decodes FLAC from a reader positioned at `fLaC`, feeding the WASM decoder as bytes arrive. */
export async function openFlacDecoder(reader: ByteReader, totalBytes?: number): Promise<AudioDecoder> {
  const info = parseStreamInfo(await reader.peek(42));
  // The WASM decoder divides by 2^(bits−1) − 1; WAV and every other path here divide by
  // 2^(bits−1), so a lossless round trip reads back the same floats whatever the container.
  const fullScale = 2 ** (info.bitDepth! - 1);
  const rescale = (fullScale - 1) / fullScale;

  async function* decode(): AsyncGenerator<PcmBlock> {
    const decoder = new FLACDecoder();
    let decodedFrames = 0;
    let bytesFed = 0;
    function* accept(result: Decoded): Generator<PcmBlock> {
      if (result.errors.length > 0) {
        throw new AudioError('corrupt_audio', `FLAC frame could not be decoded: ${result.errors[0]!.message ?? 'unknown error'}`);
      }
      if (result.samplesDecoded === 0) return;
      if (result.channelData.length !== info.channels) {
        throw new AudioError('corrupt_audio', `FLAC frame has ${result.channelData.length} channels, STREAMINFO says ${info.channels}`);
      }
      decodedFrames += result.samplesDecoded;
      for (const channel of result.channelData) {
        for (let i = 0; i < result.samplesDecoded; i++) channel[i]! *= rescale;
      }
      yield* splitBlock(result.channelData, result.samplesDecoded);
    }
    try {
      await decoder.ready;
      const holder = createTailHolder(TAIL_HOLD_BYTES);
      for (;;) {
        const chunk = await reader.readChunk(FEED_BYTES);
        if (!chunk) break;
        for (const ready of holder.push(chunk)) {
          bytesFed += ready.length;
          yield* accept(await withConsoleMuted(() => decoder.decode(ready)));
        }
      }
      const tail = holder.finish();
      bytesFed += tail.length;
      if (tail.length > 0) yield* accept(await withConsoleMuted(() => decoder.decode(tail)));
      yield* accept(await withConsoleMuted(() => decoder.flush()));
      if (info.frames !== undefined && decodedFrames < info.frames) {
        const last = findLastFlacFrame(tail);
        if (last && decodedFrames + last.blockSize === info.frames) {
          yield* accept(await withConsoleMuted(() => decoder.decodeFrames([last.frame])));
        }
      }
      if (decodedFrames === 0 && bytesFed > 42 + 16) {
        throw new AudioError('corrupt_audio', 'FLAC stream holds no decodable frame');
      }
      if (info.frames !== undefined && decodedFrames < info.frames) {
        throw new AudioError('truncated_audio', `FLAC stream ends after ${decodedFrames} of ${info.frames} frames`);
      }
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
