// Messages between analyzeAudio and its true-peak worker.

export interface PeakWorkerInput {
  sampleRate: number;
  channels: number;
  /** The reference reading over all channels. */
  reference: boolean;
  /** The flat reading over channels [flatFrom, channels), when flatFrom < channels. */
  flatFrom: number;
}

export type PeakWorkerRequest = { type: 'chunk'; channels: Float32Array[]; frames: number } | { type: 'end' };

export type PeakWorkerReply =
  /** The chunk's buffers come back to be filled again, so no memory churns. */
  | { type: 'scanned'; channels: Float32Array[] }
  | { type: 'peaks'; sample: number; reference: number | null; flat: number | null };
