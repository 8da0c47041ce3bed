// Interleaved little-endian PCM bytes → planar Float32. This is the hot path of WAV decoding, so
// each sample layout gets its own tight loop, and aligned input is read through a typed-array
// view rather than byte by byte.

import { endianness } from 'node:os';

export type PcmConverter = (
  src: Uint8Array,
  srcOffset: number,
  frames: number,
  out: Float32Array[],
  outOffset: number,
) => void;

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

function alignedView<T>(
  Ctor: new (buffer: ArrayBufferLike, byteOffset: number, length: number) => T,
  bytesPerElement: number,
  src: Uint8Array,
  srcOffset: number,
  count: number,
): T | null {
  const byteOffset = src.byteOffset + srcOffset;
  if (!LITTLE_ENDIAN_HOST || byteOffset % bytesPerElement !== 0) return null;
  return new Ctor(src.buffer, byteOffset, count);
}

function convertU8(src: Uint8Array, s: number, frames: number, out: Float32Array[], o: number): void {
  const nch = out.length;
  for (let c = 0; c < nch; c++) {
    const dst = out[c]!;
    for (let i = 0, k = s + c; i < frames; i++, k += nch) dst[o + i] = (src[k]! - 128) * (1 / 128);
  }
}

function convertS16(src: Uint8Array, s: number, frames: number, out: Float32Array[], o: number): void {
  const nch = out.length;
  const scale = 1 / 32768;
  const words = alignedView(Int16Array, 2, src, s, frames * nch);
  if (words && nch === 2) {
    const left = out[0]!;
    const right = out[1]!;
    for (let i = 0, k = 0; i < frames; i++, k += 2) {
      left[o + i] = words[k]! * scale;
      right[o + i] = words[k + 1]! * scale;
    }
    return;
  }
  for (let c = 0; c < nch; c++) {
    const dst = out[c]!;
    if (words) {
      for (let i = 0, k = c; i < frames; i++, k += nch) dst[o + i] = words[k]! * scale;
    } else {
      const stride = nch * 2;
      for (let i = 0, k = s + c * 2; i < frames; i++, k += stride) {
        dst[o + i] = (((src[k]! | (src[k + 1]! << 8)) << 16) >> 16) * scale;
      }
    }
  }
}

function convertS24(src: Uint8Array, s: number, frames: number, out: Float32Array[], o: number): void {
  const nch = out.length;
  const scale = 1 / 8388608;
  const stride = nch * 3;
  for (let c = 0; c < nch; c++) {
    const dst = out[c]!;
    for (let i = 0, k = s + c * 3; i < frames; i++, k += stride) {
      dst[o + i] = (((src[k]! << 8) | (src[k + 1]! << 16) | (src[k + 2]! << 24)) >> 8) * scale;
    }
  }
}

function convertS32(src: Uint8Array, s: number, frames: number, out: Float32Array[], o: number): void {
  const nch = out.length;
  const scale = 1 / 2147483648;
  const words = alignedView(Int32Array, 4, src, s, frames * nch);
  const stride = nch * 4;
  for (let c = 0; c < nch; c++) {
    const dst = out[c]!;
    if (words) {
      for (let i = 0, k = c; i < frames; i++, k += nch) dst[o + i] = words[k]! * scale;
    } else {
      for (let i = 0, k = s + c * 4; i < frames; i++, k += stride) {
        dst[o + i] = (src[k]! | (src[k + 1]! << 8) | (src[k + 2]! << 16) | (src[k + 3]! << 24)) * scale;
      }
    }
  }
}

function convertF32(src: Uint8Array, s: number, frames: number, out: Float32Array[], o: number): void {
  const nch = out.length;
  const floats = alignedView(Float32Array, 4, src, s, frames * nch);
  const dv = floats ? null : new DataView(src.buffer, src.byteOffset + s, frames * nch * 4);
  for (let c = 0; c < nch; c++) {
    const dst = out[c]!;
    if (floats) {
      for (let i = 0, k = c; i < frames; i++, k += nch) dst[o + i] = floats[k]!;
    } else {
      for (let i = 0, k = c * 4; i < frames; i++, k += nch * 4) dst[o + i] = dv!.getFloat32(k, true);
    }
  }
}

function convertF64(src: Uint8Array, s: number, frames: number, out: Float32Array[], o: number): void {
  const nch = out.length;
  const dv = new DataView(src.buffer, src.byteOffset + s, frames * nch * 8);
  for (let c = 0; c < nch; c++) {
    const dst = out[c]!;
    for (let i = 0, k = c * 8; i < frames; i++, k += nch * 8) dst[o + i] = dv.getFloat64(k, true);
  }
}

export function pcmConverter(sampleFormat: 'int' | 'float', bytesPerSample: number): PcmConverter {
  if (sampleFormat === 'float') return bytesPerSample === 8 ? convertF64 : convertF32;
  switch (bytesPerSample) {
    case 1:
      return convertU8;
    case 2:
      return convertS16;
    case 3:
      return convertS24;
    default:
      return convertS32;
  }
}
