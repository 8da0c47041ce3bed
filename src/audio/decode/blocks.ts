import { AudioError, type PcmBlock } from '../types.ts';

/** Frames per yielded block: large enough to amortize per-block work, small enough to stay cheap. */
export const BLOCK_FRAMES = 32768;

export function allocBlock(channels: number, frames: number): PcmBlock {
  return { channels: Array.from({ length: channels }, () => new Float32Array(frames)), frames };
}

export function trimBlock(block: PcmBlock, frames: number): PcmBlock {
  if (frames === block.frames) return block;
  return { channels: block.channels.map((c) => c.subarray(0, frames)), frames };
}

/** Splits decoder output into blocks of at most BLOCK_FRAMES frames without copying. */
export function* splitBlock(channels: Float32Array[], frames: number): Generator<PcmBlock> {
  for (let start = 0; start < frames; start += BLOCK_FRAMES) {
    const end = Math.min(frames, start + BLOCK_FRAMES);
    yield { channels: channels.map((c) => c.subarray(start, end)), frames: end - start };
  }
}

/** A stream can be decoded once: a second `blocks()` call would read from the middle. */
export function onceIterable(make: () => AsyncGenerator<PcmBlock>): () => AsyncIterable<PcmBlock> {
  let used = false;
  return () => {
    if (used) throw new AudioError('invalid_argument', 'blocks() can only be iterated once per decoder');
    used = true;
    return make();
  };
}
