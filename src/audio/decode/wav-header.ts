// Walks RIFF/RF64 chunks up to the start of `data`, streaming past anything it does not need,
// and validates `fmt ` before a single sample is decoded.

import { AudioError, type AudioInfo } from '../types.ts';
import type { ByteReader } from './byte-reader.ts';

export interface WavLayout {
  info: AudioInfo;
  sampleFormat: 'int' | 'float';
  bytesPerSample: number;
  blockAlign: number;
  /** Declared bytes of audio, or null for a streaming WAV whose size field is 0 or 0xFFFFFFFF. */
  dataBytes: number | null;
}

export const MIN_SAMPLE_RATE = 8000;
export const MAX_SAMPLE_RATE = 384000;
const MAX_CHANNELS = 64;
/** `fmt ` is 16–40 bytes in practice; anything far larger is a lie, not a format. */
const MAX_FMT_BYTES = 1024;
const MAX_DS64_BYTES = 1 << 16;
/** Real files carry a handful of chunks; a flood of empty ones is a parser-DoS attempt. */
const MAX_CHUNKS_BEFORE_DATA = 1024;
const U32_MAX = 0xffffffff;

const CODEC_NAMES: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG',
  0x0055: 'MPEG layer III',
};
// Every KSDATAFORMAT_SUBTYPE GUID for a WAVE format tag ends with these 14 bytes.
const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function fourcc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readU64(dv: DataView, offset: number): number {
  return dv.getUint32(offset, true) + dv.getUint32(offset + 4, true) * 2 ** 32;
}

interface FmtChunk {
  sampleFormat: 'int' | 'float';
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function parseFmt(bytes: Uint8Array): FmtChunk {
  const dv = view(bytes);
  let formatTag = dv.getUint16(0, true);
  const channels = dv.getUint16(2, true);
  const sampleRate = dv.getUint32(4, true);
  const blockAlign = dv.getUint16(12, true);
  const bitsPerSample = dv.getUint16(14, true);
  if (formatTag === 0xfffe) {
    if (bytes.length < 40) throw new AudioError('invalid_header', 'WAVE_FORMAT_EXTENSIBLE fmt chunk is too short');
    formatTag = dv.getUint16(24, true);
    if (SUBFORMAT_GUID_TAIL.some((b, i) => bytes[26 + i] !== b)) {
      throw new AudioError('unsupported_codec', 'WAV sub-format GUID is not PCM or IEEE float');
    }
  }
  if (formatTag !== 1 && formatTag !== 3) {
    const name = CODEC_NAMES[formatTag] ?? `format tag 0x${formatTag.toString(16).padStart(4, '0')}`;
    throw new AudioError('unsupported_codec', `WAV codec ${name} is not supported (only PCM and IEEE float)`);
  }
  const sampleFormat = formatTag === 3 ? 'float' : 'int';
  if (channels === 0 || channels > MAX_CHANNELS) {
    throw new AudioError('invalid_header', `WAV declares ${channels} channels`);
  }
  if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw new AudioError('invalid_header', `WAV sample rate ${sampleRate} Hz is outside ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE} Hz`);
  }
  const validBits = sampleFormat === 'float' ? [32, 64] : [8, 16, 24, 32];
  if (!validBits.includes(bitsPerSample)) {
    throw new AudioError('invalid_header', `WAV ${sampleFormat} samples of ${bitsPerSample} bits are not valid`);
  }
  if (blockAlign !== (channels * bitsPerSample) / 8) {
    throw new AudioError(
      'invalid_header',
      `WAV block align ${blockAlign} does not match ${channels} channels of ${bitsPerSample} bits`,
    );
  }
  return { sampleFormat, channels, sampleRate, blockAlign, bitsPerSample };
}

/** Reads chunk headers until `data`; afterwards the reader sits at the first audio byte. */
export async function readWavHeader(reader: ByteReader): Promise<WavLayout> {
  const riff = await reader.readExact(12, 'RIFF header');
  const isRf64 = fourcc(riff, 0) !== 'RIFF';
  let ds64DataBytes: number | null = null;
  let fmt: FmtChunk | null = null;
  for (let chunks = 0; ; chunks++) {
    if (chunks === MAX_CHUNKS_BEFORE_DATA) {
      throw new AudioError('invalid_header', `WAV has more than ${MAX_CHUNKS_BEFORE_DATA} chunks before its audio`);
    }
    const peeked = await reader.peek(8);
    if (peeked.length === 0) {
      throw new AudioError('invalid_header', fmt ? 'WAV has no data chunk' : 'WAV has no fmt chunk');
    }
    const header = await reader.readExact(8, 'WAV chunk header');
    const id = fourcc(header, 0);
    const size = view(header).getUint32(4, true);
    const padded = size + (size & 1);
    if (id === 'fmt ') {
      if (size < 16 || size > MAX_FMT_BYTES) {
        throw new AudioError('invalid_header', `WAV fmt chunk size ${size} is not valid`);
      }
      fmt = parseFmt(await reader.readExact(size, 'fmt chunk'));
      await reader.skip(padded - size);
    } else if (id === 'ds64' && isRf64) {
      if (size < 24 || size > MAX_DS64_BYTES) {
        throw new AudioError('invalid_header', `RF64 ds64 chunk size ${size} is not valid`);
      }
      ds64DataBytes = readU64(view(await reader.readExact(size, 'ds64 chunk')), 8);
      await reader.skip(padded - size);
    } else if (id === 'data') {
      if (!fmt) throw new AudioError('invalid_header', 'WAV data chunk comes before the fmt chunk');
      let dataBytes: number | null = size;
      if (isRf64 && size === U32_MAX) {
        if (ds64DataBytes === null) throw new AudioError('invalid_header', 'RF64 file has no ds64 chunk');
        dataBytes = ds64DataBytes;
      } else if (size === 0 || size === U32_MAX) {
        dataBytes = null;
      }
      return {
        info: {
          format: 'wav',
          sampleRate: fmt.sampleRate,
          channels: fmt.channels,
          bitDepth: fmt.bitsPerSample,
          sampleFormat: fmt.sampleFormat,
          frames: dataBytes === null ? undefined : Math.floor(dataBytes / fmt.blockAlign),
        },
        sampleFormat: fmt.sampleFormat,
        bytesPerSample: fmt.bitsPerSample / 8,
        blockAlign: fmt.blockAlign,
        dataBytes,
      };
    } else if ((await reader.skip(padded)) < size) {
      throw new AudioError('truncated_audio', `WAV ends inside a "${id}" chunk before any audio`);
    }
  }
}
