import { endianness } from 'node:os';

import { AudioError } from '../types.ts';
import { createBufferedFileWriter } from './buffered-file-writer.ts';
import { createQuantizer, resolveDither } from './quantize.ts';
import { checkBlock, type AudioEncoder, type EncoderBitDepth } from './types.ts';
import { buildWavHeader, bytesPerSample, wavHeaderLength } from './wav-header.ts';

export interface WavEncoderOptions {
  sampleRate: number;
  channels: number;
  bitDepth: EncoderBitDepth;
  dither?: 'tpdf' | 'none';
}

/** Interleaving happens in slices of about this many bytes, reserved straight in the write buffer. */
const SLICE_BYTES = 1 << 20;
const LITTLE_ENDIAN_HOST = endianness() === 'LE';

export async function createWavEncoder(path: string, opts: WavEncoderOptions): Promise<AudioEncoder> {
  const { sampleRate, channels, bitDepth } = opts;
  const sampleBytes = bytesPerSample(bitDepth);
  const blockAlign = channels * sampleBytes;
  const sliceFrames = Math.max(1, Math.floor(SLICE_BYTES / blockAlign));
  const writer = await createBufferedFileWriter(path);
  // Sizes are patched at end(); until then the header says 0 frames, which readers treat as
  // "read to end of file" if the process dies halfway.
  await writer.write(buildWavHeader({ sampleRate, channels, bitDepth, frames: 0 }));
  const dither = resolveDither(bitDepth, opts.dither);
  const quantizers =
    bitDepth === '32f'
      ? []
      : Array.from({ length: channels }, (_, c) => createQuantizer(bitDepth, dither, 0x2545f491 + c * 7919));
  const scratch = Array.from({ length: channels }, () => new Int32Array(sliceFrames));
  let frames = 0;
  let finished = false;

  async function writeSlice(planar: Float32Array[], start: number, count: number): Promise<void> {
    const out = await writer.reserve(count * blockAlign);
    if (bitDepth === '32f') {
      const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
      for (let c = 0; c < channels; c++) {
        const src = planar[c]!;
        for (let i = 0, k = c * 4; i < count; i++, k += blockAlign) dv.setFloat32(k, src[start + i]!, true);
      }
      return;
    }
    // The header and every slice have even lengths, so 16-bit output is normally 2-aligned.
    const words =
      sampleBytes === 2 && LITTLE_ENDIAN_HOST && out.byteOffset % 2 === 0
        ? new Int16Array(out.buffer, out.byteOffset, count * channels)
        : null;
    for (let c = 0; c < channels; c++) {
      const ints = scratch[c]!;
      quantizers[c]!.quantize(planar[c]!.subarray(start, start + count), ints, 0, count);
      if (sampleBytes === 2 && words) {
        for (let i = 0, k = c; i < count; i++, k += channels) words[k] = ints[i]!;
      } else if (sampleBytes === 2) {
        for (let i = 0, k = c * 2; i < count; i++, k += blockAlign) {
          const v = ints[i]!;
          out[k] = v;
          out[k + 1] = v >> 8;
        }
      } else {
        for (let i = 0, k = c * 3; i < count; i++, k += blockAlign) {
          const v = ints[i]!;
          out[k] = v;
          out[k + 1] = v >> 8;
          out[k + 2] = v >> 16;
        }
      }
    }
  }

  return {
    async write(block) {
      if (finished) throw new AudioError('invalid_argument', 'write() after end()');
      checkBlock(block, channels);
      for (let start = 0; start < block.frames; start += sliceFrames) {
        const count = Math.min(sliceFrames, block.frames - start);
        await writeSlice(block.channels, start, count);
      }
      frames += block.frames;
    },
    async end() {
      if (finished) throw new AudioError('invalid_argument', 'end() called twice');
      finished = true;
      const dataBytes = frames * blockAlign;
      if (dataBytes & 1) await writer.write(new Uint8Array(1));
      await writer.writeAt(buildWavHeader({ sampleRate, channels, bitDepth, frames }), 0);
      await writer.close();
      return { bytesWritten: wavHeaderLength({ sampleRate, channels, bitDepth, frames }) + dataBytes + (dataBytes & 1), frames };
    },
    abort: () => {
      finished = true;
      return writer.abort();
    },
  };
}
