// Shared shapes of the audio library. Audio moves through it as planar Float32 blocks so that
// no stage ever needs a whole file in memory.

export type AudioContainer = 'wav' | 'flac' | 'mp3';

export interface AudioInfo {
  format: AudioContainer;
  sampleRate: number;
  channels: number;
  /** Bits per sample of the source (16, 24, 32 …); undefined for lossy formats. */
  bitDepth?: number;
  sampleFormat?: 'int' | 'float';
  /** Total frames when the container says so (WAV, FLAC STREAMINFO); undefined when unknown. */
  frames?: number;
}

/** One block of planar audio: channels[c][i] in [-1, 1] (float sources may exceed it). */
export interface PcmBlock {
  channels: Float32Array[];
  frames: number;
}

export interface AudioDecoder {
  info: AudioInfo;
  /** Blocks in order; the iterator closes the source when it ends or is abandoned. */
  blocks(): AsyncIterable<PcmBlock>;
  /** Bytes consumed so far and total bytes when known, for progress reporting. */
  progress(): { bytesRead: number; totalBytes?: number };
}

export type AudioErrorCode =
  | 'unsupported_format'
  | 'corrupt_audio'
  | 'truncated_audio'
  | 'invalid_header'
  | 'unsupported_codec'
  | 'invalid_argument';

/** A typed failure of the audio library: callers map it to HTTP 400/415 or CLI exit code 2. */
export class AudioError extends Error {
  constructor(
    readonly code: AudioErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AudioError';
  }
}
