import { createHash } from 'node:crypto';

import { AudioError } from '../../types.ts';
import { createBufferedFileWriter } from '../buffered-file-writer.ts';
import { createQuantizer, resolveDither } from '../quantize.ts';
import { checkBlock, type AudioEncoder } from '../types.ts';
import { createBitWriter } from './bit-writer.ts';
import { createFrameScratch, encodeFlacFrame } from './flac-frame.ts';

export const FLAC_BLOCK_SIZE = 4096;
const STREAMINFO_OFFSET = 8;

export interface FlacEncoderOptions {
  sampleRate: number;
  channels: number;
  bitDepth: 16 | 24;
  dither?: 'tpdf' | 'none';
}

export interface StreamInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  totalSamples: number;
  minFrameBytes: number;
  maxFrameBytes: number;
  md5: Uint8Array;
}

/** The 34-byte STREAMINFO body, marked as the last metadata block, after the `fLaC` magic. */
export function buildFlacHead(info: StreamInfo): Uint8Array {
  const out = new Uint8Array(42);
  out.set([0x66, 0x4c, 0x61, 0x43, 0x80, 0, 0, 34]);
  const dv = new DataView(out.buffer);
  dv.setUint16(8, FLAC_BLOCK_SIZE);
  dv.setUint16(10, FLAC_BLOCK_SIZE);
  dv.setUint32(12, (info.minFrameBytes << 8) >>> 0); // 24-bit fields, overlapped by the next write
  dv.setUint32(15, (info.maxFrameBytes << 8) >>> 0);
  // 20 bits rate, 3 bits channels−1, 5 bits bps−1, 36 bits total samples.
  const high = info.totalSamples / 2 ** 32;
  dv.setUint32(18, ((info.sampleRate << 12) | ((info.channels - 1) << 9) | ((info.bitsPerSample - 1) << 4) | (high & 0xf)) >>> 0);
  dv.setUint32(22, info.totalSamples >>> 0);
  out.set(info.md5, 26);
  return out;
}

export async function createFlacEncoder(path: string, opts: FlacEncoderOptions): Promise<AudioEncoder> {
  const { sampleRate, channels, bitDepth } = opts;
  const writer = await createBufferedFileWriter(path);
  const head = { sampleRate, channels, bitsPerSample: bitDepth, totalSamples: 0, minFrameBytes: 0, maxFrameBytes: 0 };
  await writer.write(buildFlacHead({ ...head, md5: new Uint8Array(16) }));
  const dither = resolveDither(bitDepth, opts.dither);
  const quantizers = Array.from({ length: channels }, (_, c) => createQuantizer(bitDepth, dither, 0x2545f491 + c * 7919));
  const pending = Array.from({ length: channels }, () => new Int32Array(FLAC_BLOCK_SIZE));
  const scratch = createFrameScratch(FLAC_BLOCK_SIZE);
  // Worst case is a verbatim frame with a 1-bit-wider side channel, plus headers.
  const bits = createBitWriter(Math.ceil((FLAC_BLOCK_SIZE * channels * (bitDepth + 1)) / 8) + 64);
  const md5 = createHash('md5');
  const sampleBytes = bitDepth / 8;
  const md5Bytes = Buffer.allocUnsafe(FLAC_BLOCK_SIZE * channels * sampleBytes);
  let filled = 0;
  let frameNumber = 0;
  let totalFrames = 0;
  let minFrameBytes = Infinity;
  let maxFrameBytes = 0;
  let finished = false;

  /** The MD5 in STREAMINFO covers interleaved little-endian samples of the stored width. */
  function hashPcm(n: number): void {
    for (let c = 0; c < channels; c++) {
      const x = pending[c]!;
      const stride = channels * sampleBytes;
      for (let i = 0, k = c * sampleBytes; i < n; i++, k += stride) {
        const v = x[i]!;
        md5Bytes[k] = v;
        md5Bytes[k + 1] = v >> 8;
        if (sampleBytes === 3) md5Bytes[k + 2] = v >> 16;
      }
    }
    md5.update(md5Bytes.subarray(0, n * channels * sampleBytes));
  }

  async function flushFrame(): Promise<void> {
    hashPcm(filled);
    const channelsIn = filled === FLAC_BLOCK_SIZE ? pending : pending.map((x) => x.subarray(0, filled));
    const frame = encodeFlacFrame(bits, { channels: channelsIn, frames: filled, bitsPerSample: bitDepth, sampleRate, frameNumber }, scratch);
    minFrameBytes = Math.min(minFrameBytes, frame.length);
    maxFrameBytes = Math.max(maxFrameBytes, frame.length);
    await writer.write(frame);
    frameNumber++;
    totalFrames += filled;
    filled = 0;
  }

  return {
    async write(block) {
      if (finished) throw new AudioError('invalid_argument', 'write() after end()');
      checkBlock(block, channels);
      let start = 0;
      while (start < block.frames) {
        const take = Math.min(FLAC_BLOCK_SIZE - filled, block.frames - start);
        for (let c = 0; c < channels; c++) {
          quantizers[c]!.quantize(block.channels[c]!.subarray(start, start + take), pending[c]!, filled, take);
        }
        filled += take;
        start += take;
        if (filled === FLAC_BLOCK_SIZE) await flushFrame();
      }
    },
    async end() {
      if (finished) throw new AudioError('invalid_argument', 'end() called twice');
      finished = true;
      if (filled > 0) await flushFrame();
      const info: StreamInfo = {
        ...head,
        totalSamples: totalFrames,
        minFrameBytes: Number.isFinite(minFrameBytes) ? minFrameBytes : 0,
        maxFrameBytes,
        md5: new Uint8Array(md5.digest()),
      };
      await writer.writeAt(buildFlacHead(info).subarray(STREAMINFO_OFFSET), STREAMINFO_OFFSET);
      const bytesWritten = writer.bytesWritten;
      await writer.close();
      return { bytesWritten, frames: totalFrames };
    },
    abort: () => {
      finished = true;
      return writer.abort();
    },
  };
}
