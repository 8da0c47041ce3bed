import type { PcmBlock } from '../types.ts';
import type { AudioDecoder } from '../types.ts';

/** Planar test signal: a different sine per channel plus a little deterministic noise. */
export function testSignal(channels: number, frames: number, sampleRate: number, amplitude = 0.5): Float32Array[] {
  let s = 12345;
  return Array.from({ length: channels }, (_, c) => {
    const out = new Float32Array(frames);
    const freq = 220 * (c + 1) + 31;
    for (let i = 0; i < frames; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      out[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / sampleRate) + 0.01 * (s / 2 ** 32 - 0.5);
    }
    return out;
  });
}

/** Cuts planar channels into blocks of `blockFrames` (an odd size exercises buffering). */
export function* toBlocks(channels: Float32Array[], blockFrames: number): Generator<PcmBlock> {
  const frames = channels[0]!.length;
  for (let start = 0; start < frames; start += blockFrames) {
    const end = Math.min(frames, start + blockFrames);
    yield { channels: channels.map((c) => c.subarray(start, end)), frames: end - start };
  }
}

/** Decodes everything into planar arrays (test-sized inputs only). */
export async function decodeAll(decoder: AudioDecoder): Promise<Float32Array[]> {
  const parts: PcmBlock[] = [];
  let frames = 0;
  for await (const block of decoder.blocks()) {
    parts.push({ channels: block.channels.map((c) => c.slice(0, block.frames)), frames: block.frames });
    frames += block.frames;
  }
  const out = Array.from({ length: decoder.info.channels }, () => new Float32Array(frames));
  let offset = 0;
  for (const part of parts) {
    part.channels.forEach((c, i) => out[i]!.set(c, offset));
    offset += part.frames;
  }
  return out;
}
