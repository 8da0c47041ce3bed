// One rendering pass as a stream: decode the input, apply the planned gain (and the limiter
// when planned), and encode each block to a file as it goes. The rendered blocks come out as an
// AudioDecoder so the same analysis that measures inputs can meter them on the way past.

import { openAudioFile } from '../decode/index.ts';
import { createFileEncoder } from '../encode/index.ts';
import { createThreadedEncoder } from './threaded-encoder.ts';
import { TruePeakLimiter, type LimiterStats } from '../dynamics/true-peak-limiter.ts';
import type { AudioContainer, AudioDecoder, PcmBlock } from '../types.ts';
import type { RenderPlan } from './plan.ts';

export interface RenderOptions {
  format: AudioContainer;
  bitDepth: 16 | 24 | '32f';
}

/** Inputs longer than this are encoded on a separate thread (starting one costs ~0.3 s). */
export const THREADED_MIN_SECONDS = 30;

export interface RenderStream extends AudioDecoder {
  /** Limiter statistics; complete once the blocks have been read to the end. */
  limiterStats(): LimiterStats;
}

function applyGain(block: PcmBlock, gain: number): PcmBlock {
  const channels = block.channels.map((x) => {
    const y = new Float32Array(block.frames);
    for (let i = 0; i < block.frames; i++) y[i] = x[i] * gain;
    return y;
  });
  return { channels, frames: block.frames };
}

/**
 * Opens the input and returns the rendered stream. The output file is complete when the blocks
 * have been read to the end; if reading stops early or fails, the partial file is deleted.
 */
export async function openRender(inputPath: string, outputPath: string, plan: RenderPlan, opts: RenderOptions): Promise<RenderStream> {
  const decoder = await openAudioFile(inputPath);
  const { sampleRate, channels } = decoder.info;
  const limiter =
    plan.limiterCeilingDb === null ? null : new TruePeakLimiter({ sampleRate, channels, ceilingDbtp: plan.limiterCeilingDb });
  const gain = 10 ** (plan.gainDb / 20);
  const bitDepth = opts.format === 'mp3' ? undefined : opts.bitDepth;

  async function* blocks(): AsyncGenerator<PcmBlock> {
    const long = (decoder.info.frames ?? Infinity) > THREADED_MIN_SECONDS * sampleRate;
    const encoderOptions = { format: opts.format, sampleRate, channels, bitDepth };
    const encoder = long ? await createThreadedEncoder(outputPath, encoderOptions) : await createFileEncoder(outputPath, encoderOptions);
    let finished = false;
    try {
      for await (const block of decoder.blocks()) {
        const gained = applyGain(block, gain);
        const out = limiter ? limiter.process(gained) : gained;
        if (out.frames === 0) continue;
        // Handed on first, encoded after: the consumer is done with the block when it asks for
        // the next one, and the threaded encoder takes ownership of the block's buffers.
        yield out;
        await encoder.write(out);
      }
      const tail = limiter?.flush();
      if (tail && tail.frames > 0) {
        yield tail;
        await encoder.write(tail);
      }
      await encoder.end();
      finished = true;
    } finally {
      if (!finished) await encoder.abort().catch(() => undefined);
    }
  }

  return {
    info: { sampleRate, channels, format: opts.format, bitDepth: typeof bitDepth === 'number' ? bitDepth : undefined },
    blocks,
    progress: () => decoder.progress(),
    limiterStats: () => (limiter ? limiter.stats() : { engaged: false, maxReductionDb: 0 }),
  };
}
