import type { AudioDecoder, PcmBlock } from '../types.ts';

/** Splits planar channels into blocks of `blockFrames` (views, no copies). */
export function blocksOf(channels: Float32Array[], blockFrames = 4096): PcmBlock[] {
  const frames = channels[0]?.length ?? 0;
  const out: PcmBlock[] = [];
  for (let start = 0; start < frames; start += blockFrames) {
    const end = Math.min(frames, start + blockFrames);
    out.push({ channels: channels.map((c) => c.subarray(start, end)), frames: end - start });
  }
  return out;
}

/**
 * An AudioDecoder over in-memory planar channels, reporting progress as if it read a 32-bit
 * float WAV, so code written against decoders can be tested without files.
 */
export function decoderFromChannels(
  channels: Float32Array[],
  sampleRate: number,
  blockFrames = 4096,
): AudioDecoder {
  const frames = channels[0]?.length ?? 0;
  const bytesPerFrame = 4 * channels.length;
  let framesRead = 0;
  return {
    info: { format: 'wav', sampleRate, channels: channels.length, bitDepth: 32, sampleFormat: 'float', frames },
    async *blocks() {
      for (const block of blocksOf(channels, blockFrames)) {
        framesRead += block.frames;
        yield block;
      }
    },
    progress: () => ({ bytesRead: framesRead * bytesPerFrame, totalBytes: frames * bytesPerFrame }),
  };
}

/** Joins per-channel lists of pieces back into whole planar channels (the inverse of blocksOf). */
export function joinChannels(parts: Float32Array[][]): Float32Array[] {
  return parts.map((list) => {
    const all = new Float32Array(list.reduce((sum, piece) => sum + piece.length, 0));
    let offset = 0;
    for (const piece of list) {
      all.set(piece, offset);
      offset += piece.length;
    }
    return all;
  });
}
