// Test utilities: gather a streamed render into whole channels, and compare audio.
import type { PcmBlock } from '../../../audio/types.ts';

export function collect(blocks: Iterable<PcmBlock>): { left: Float32Array; right: Float32Array; blocks: number } {
  const parts: PcmBlock[] = [];
  let frames = 0;
  for (const block of blocks) {
    // Copy: a block's arrays belong to the producer.
    parts.push({ channels: block.channels.map((c) => c.slice(0, block.frames)), frames: block.frames });
    frames += block.frames;
  }
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  let at = 0;
  for (const part of parts) {
    left.set(part.channels[0], at);
    right.set(part.channels[1], at);
    at += part.frames;
  }
  return { left, right, blocks: parts.length };
}

/** Index of the first differing sample in [from, to), or -1. */
export function firstDifference(a: Float32Array, b: Float32Array, from = 0, to = Math.min(a.length, b.length)): number {
  for (let i = from; i < to; i++) if (a[i] !== b[i]) return i;
  return -1;
}

export function rms(x: Float32Array, from = 0, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / Math.max(1, to - from));
}

/** RMS of a − b over a range. */
export function differenceRms(a: Float32Array, b: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) {
    const d = a[i] - b[i];
    sum += d * d;
  }
  return Math.sqrt(sum / Math.max(1, to - from));
}
