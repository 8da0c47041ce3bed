import { AudioError, type PcmBlock } from '../types.ts';

export type EncoderBitDepth = 16 | 24 | '32f';

export interface EncoderOptions {
  format: 'wav' | 'flac' | 'mp3';
  sampleRate: number;
  channels: number;
  /** WAV: 16, 24 or '32f' (default 24); FLAC: 16 or 24 (default 24); ignored for MP3. */
  bitDepth?: EncoderBitDepth;
  /** MP3 constant bitrate, default 320. */
  mp3BitrateKbps?: number;
  /** Defaults to 'tpdf' when quantizing to 16-bit; ignored otherwise. */
  dither?: 'tpdf' | 'none';
}

export interface AudioEncoder {
  write(block: PcmBlock): Promise<void>;
  end(): Promise<{ bytesWritten: number; frames: number }>;
  /** Closes and deletes the partial file. */
  abort(): Promise<void>;
}

/** Throws unless the block has the channel count the encoder was opened with. */
export function checkBlock(block: PcmBlock, channels: number): void {
  if (block.channels.length !== channels) {
    throw new AudioError('invalid_argument', `block has ${block.channels.length} channels, encoder expects ${channels}`);
  }
  for (const channel of block.channels) {
    if (channel.length < block.frames) {
      throw new AudioError('invalid_argument', `block channel holds ${channel.length} samples, fewer than ${block.frames} frames`);
    }
  }
}
