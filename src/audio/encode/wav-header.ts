// WAV header writing. The header has the same length whether the file ends up as RIFF or RF64:
// a 28-byte JUNK chunk sits where ds64 would go, so a file that grows past 4 GB is converted in
// place at the end (the EBU Tech 3306 / BWF recipe) without moving any audio.

export interface WavHeaderOptions {
  sampleRate: number;
  channels: number;
  bitDepth: 16 | 24 | '32f';
  frames: number;
}

const DS64_BODY_BYTES = 28;
const U32_MAX = 0xffffffff;
const SPEAKER_MASKS: Record<number, number> = { 1: 0x4, 2: 0x3, 3: 0x7, 4: 0x33, 5: 0x37, 6: 0x3f, 7: 0x13f, 8: 0x63f };

export function bytesPerSample(bitDepth: 16 | 24 | '32f'): number {
  return bitDepth === 16 ? 2 : bitDepth === 24 ? 3 : 4;
}

/** Plain PCM for 16-bit mono/stereo; WAVE_FORMAT_EXTENSIBLE otherwise, as the format requires. */
function usesExtensible(opts: WavHeaderOptions): boolean {
  return opts.channels > 2 || opts.bitDepth === 24;
}

export function wavHeaderLength(opts: WavHeaderOptions): number {
  const fmtBody = usesExtensible(opts) ? 40 : opts.bitDepth === '32f' ? 18 : 16;
  const fact = opts.bitDepth === '32f' ? 12 : 0;
  return 12 + 8 + DS64_BODY_BYTES + 8 + fmtBody + fact + 8;
}

/** True when a file of this length cannot be described with 32-bit RIFF sizes. */
export function needsRf64(opts: WavHeaderOptions): boolean {
  const dataBytes = opts.frames * opts.channels * bytesPerSample(opts.bitDepth);
  return wavHeaderLength(opts) - 8 + dataBytes + (dataBytes & 1) > U32_MAX;
}

function setU64(dv: DataView, offset: number, value: number): void {
  dv.setUint32(offset, value % 2 ** 32, true);
  dv.setUint32(offset + 4, Math.floor(value / 2 ** 32), true);
}

/** Header for `frames` frames of audio; RF64 with a ds64 chunk when the sizes need 64 bits. */
export function buildWavHeader(opts: WavHeaderOptions): Uint8Array {
  const { sampleRate, channels, bitDepth, frames } = opts;
  const sampleBytes = bytesPerSample(bitDepth);
  const blockAlign = channels * sampleBytes;
  const dataBytes = frames * blockAlign;
  const length = wavHeaderLength(opts);
  const riffBytes = length - 8 + dataBytes + (dataBytes & 1);
  const rf64 = needsRf64(opts);
  const out = new Uint8Array(length);
  const dv = new DataView(out.buffer);
  let p = 0;
  const tag = (text: string): void => {
    for (let i = 0; i < 4; i++) out[p + i] = text.charCodeAt(i);
    p += 4;
  };
  const u16 = (v: number): void => {
    dv.setUint16(p, v, true);
    p += 2;
  };
  const u32 = (v: number): void => {
    dv.setUint32(p, v, true);
    p += 4;
  };

  tag(rf64 ? 'RF64' : 'RIFF');
  u32(rf64 ? U32_MAX : riffBytes);
  tag('WAVE');
  tag(rf64 ? 'ds64' : 'JUNK');
  u32(DS64_BODY_BYTES);
  if (rf64) {
    setU64(dv, p, riffBytes);
    setU64(dv, p + 8, dataBytes);
    setU64(dv, p + 16, frames);
    // The 4-byte table length that follows stays 0: no other chunk needs a 64-bit size.
  }
  p += DS64_BODY_BYTES;

  const extensible = usesExtensible(opts);
  const formatTag = bitDepth === '32f' ? 3 : 1;
  tag('fmt ');
  u32(extensible ? 40 : bitDepth === '32f' ? 18 : 16);
  u16(extensible ? 0xfffe : formatTag);
  u16(channels);
  u32(sampleRate);
  u32(sampleRate * blockAlign);
  u16(blockAlign);
  u16(sampleBytes * 8);
  if (extensible) {
    u16(22);
    u16(sampleBytes * 8);
    u32(SPEAKER_MASKS[channels] ?? 0);
    u16(formatTag);
    for (const b of [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71]) out[p++] = b;
  } else if (bitDepth === '32f') {
    u16(0);
  }
  if (bitDepth === '32f') {
    tag('fact');
    u32(4);
    u32(rf64 ? U32_MAX : frames);
  }
  tag('data');
  u32(rf64 ? U32_MAX : dataBytes);
  return out;
}
