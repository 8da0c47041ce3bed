// Streaming file encoders. WAV: 16/24-bit PCM or 32-bit float, switching to RF64 in place past
// 4 GB. FLAC: a compact built-in encoder (fixed predictors, Rice coding, MD5 in STREAMINFO).
// MP3: LAME in WASM, CBR; LAME resamples inputs above 48 kHz to 48 kHz and lowers the bitrate
// where the MPEG version for a low rate cannot carry it, so read the rate back from the output.
import { AudioError } from '../types.ts';
import { createFlacEncoder } from './flac/flac-encoder.ts';
import { createMp3FileEncoder } from './mp3-encoder.ts';
import type { AudioEncoder, EncoderBitDepth, EncoderOptions } from './types.ts';
import { createWavEncoder } from './wav-encoder.ts';

export type { AudioEncoder, EncoderBitDepth, EncoderOptions } from './types.ts';
export { buildWavHeader, needsRf64 } from './wav-header.ts';
export { createQuantizer, createXorshift32 } from './quantize.ts';

export const DEFAULT_MP3_BITRATE_KBPS = 320;

/** 24-bit for WAV and FLAC; MP3 has no bit depth (undefined). */
export function defaultBitDepth(format: EncoderOptions['format']): EncoderBitDepth | undefined {
  return format === 'mp3' ? undefined : 24;
}

/** Bit depths each format can store. */
export function supportedBitDepths(format: EncoderOptions['format']): EncoderBitDepth[] {
  return format === 'wav' ? [16, 24, '32f'] : format === 'flac' ? [16, 24] : [];
}

function validate(opts: EncoderOptions): void {
  if (!Number.isInteger(opts.sampleRate) || opts.sampleRate < 8000 || opts.sampleRate > 384000) {
    throw new AudioError('invalid_argument', `sample rate ${opts.sampleRate} Hz is outside 8000–384000 Hz`);
  }
  const maxChannels = opts.format === 'flac' ? 8 : opts.format === 'mp3' ? 2 : 64;
  if (!Number.isInteger(opts.channels) || opts.channels < 1 || opts.channels > maxChannels) {
    throw new AudioError('invalid_argument', `${opts.format} output takes 1–${maxChannels} channels, not ${opts.channels}`);
  }
  if (opts.bitDepth !== undefined && opts.format !== 'mp3' && !supportedBitDepths(opts.format).includes(opts.bitDepth)) {
    throw new AudioError('invalid_argument', `${opts.format} cannot store bit depth ${opts.bitDepth}`);
  }
}

/**
 * Opens a streaming encoder writing to `path`. Memory stays bounded by one write buffer;
 * `abort()` closes and deletes the partial file.
 */
export async function createFileEncoder(path: string, opts: EncoderOptions): Promise<AudioEncoder> {
  validate(opts);
  const { format, sampleRate, channels, dither } = opts;
  switch (format) {
    case 'wav':
      return createWavEncoder(path, { sampleRate, channels, dither, bitDepth: opts.bitDepth ?? 24 });
    case 'flac':
      return createFlacEncoder(path, { sampleRate, channels, dither, bitDepth: (opts.bitDepth ?? 24) as 16 | 24 });
    case 'mp3':
      return createMp3FileEncoder(path, {
        sampleRate,
        channels,
        bitrateKbps: opts.mp3BitrateKbps ?? DEFAULT_MP3_BITRATE_KBPS,
      });
    default:
      throw new AudioError('invalid_argument', `unknown output format ${String(format)}`);
  }
}
