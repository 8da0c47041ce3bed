// MPEG audio frame headers and ID3v2 tag headers, parsed from bytes for detection and for
// filling AudioInfo before the WASM decoder has produced anything.

export interface MpegFrameHeader {
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  sampleRate: number;
  channels: 1 | 2;
  bitrateKbps: number;
  frameBytes: number;
  samplesPerFrame: number;
}

const BITRATES: Record<string, number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, number[]> = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  2.5: [11025, 12000, 8000],
};

/** Parses a 4-byte MPEG audio frame header at `offset`; null unless every field is valid. */
export function parseMpegFrameHeader(bytes: Uint8Array, offset = 0): MpegFrameHeader | null {
  if (offset + 4 > bytes.length) return null;
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  const b3 = bytes[offset + 3]!;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  // Reserved values; free-format bitrate (index 0) is also refused since frames can't be sized.
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15) return null;
  if (rateIndex === 3 || (b3 & 3) === 2) return null;
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const bitrateKbps = BITRATES[`${version === 1 ? 1 : 2}-${layer}`]![bitrateIndex]!;
  const sampleRate = SAMPLE_RATES[version]![rateIndex]!;
  const padding = (b2 >> 1) & 1;
  let frameBytes: number;
  let samplesPerFrame: number;
  if (layer === 1) {
    frameBytes = (Math.floor((12 * bitrateKbps * 1000) / sampleRate) + padding) * 4;
    samplesPerFrame = 384;
  } else if (layer === 2 || version === 1) {
    frameBytes = Math.floor((144 * bitrateKbps * 1000) / sampleRate) + padding;
    samplesPerFrame = 1152;
  } else {
    frameBytes = Math.floor((72 * bitrateKbps * 1000) / sampleRate) + padding;
    samplesPerFrame = 576;
  }
  const channels = b3 >> 6 === 3 ? 1 : 2;
  return { version, layer, sampleRate, channels, bitrateKbps, frameBytes, samplesPerFrame };
}

/**
 * True when a valid frame header sits at `offset` and, if the bytes reach that far, another
 * one of the same stream follows it: a lone 0xFFE sync in random data is common, two are not.
 */
export function isMpegFrameAt(bytes: Uint8Array, offset: number): boolean {
  const first = parseMpegFrameHeader(bytes, offset);
  if (!first) return false;
  const nextOffset = offset + first.frameBytes;
  if (nextOffset + 4 > bytes.length) return true;
  const second = parseMpegFrameHeader(bytes, nextOffset);
  return (
    second !== null &&
    second.version === first.version &&
    second.layer === first.layer &&
    second.sampleRate === first.sampleRate
  );
}

/** Finds the first frame that passes `isMpegFrameAt` within `bytes`, or -1. */
export function findMpegFrame(bytes: Uint8Array, from = 0): number {
  for (let i = from; i + 4 <= bytes.length; i++) {
    if (bytes[i] === 0xff && isMpegFrameAt(bytes, i)) return i;
  }
  return -1;
}

/** Total length (header, body, footer) of an ID3v2 tag starting at `offset`, or null if none. */
export function id3v2TagLength(bytes: Uint8Array, offset = 0): number | null {
  if (offset + 10 > bytes.length) return null;
  if (bytes[offset] !== 0x49 || bytes[offset + 1] !== 0x44 || bytes[offset + 2] !== 0x33) return null;
  if (bytes[offset + 3] === 0xff || bytes[offset + 4] === 0xff) return null;
  let size = 0;
  for (let i = 6; i < 10; i++) {
    const b = bytes[offset + i]!;
    if (b & 0x80) return null; // sizes are "syncsafe": 7 bits per byte
    size = size * 128 + b;
  }
  const hasFooter = (bytes[offset + 5]! & 0x10) !== 0;
  return 10 + size + (hasFooter ? 10 : 0);
}
