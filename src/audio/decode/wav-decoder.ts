import { AudioError, type AudioDecoder, type PcmBlock } from '../types.ts';
import type { ByteReader } from './byte-reader.ts';
import { pcmConverter } from './pcm-convert.ts';
import { readWavHeader } from './wav-header.ts';
import { onceIterable, allocBlock, trimBlock, BLOCK_FRAMES } from './blocks.ts';

/** Upper bound on one pull from the reader; the file source already delivers 1 MiB chunks. */
const MAX_CHUNK_BYTES = 1 << 22;

/**
 * Decodes WAV/RF64 from a reader positioned at the start of the file.
 *
 * Size policy: a `data` chunk whose size is 0 or 0xFFFFFFFF (what streaming writers leave when
 * they cannot seek back) is read to the end of the stream. Any other declared size is trusted
 * only as an upper bound: the decoder yields what is there and then throws `truncated_audio`
 * if the stream ended at least one frame short of it.
 */
export async function openWavDecoder(reader: ByteReader, totalBytes?: number): Promise<AudioDecoder> {
  const layout = await readWavHeader(reader);
  const { info, blockAlign, dataBytes } = layout;
  const channels = info.channels;
  const convert = pcmConverter(layout.sampleFormat, layout.bytesPerSample);

  async function* decode(): AsyncGenerator<PcmBlock> {
    try {
      let remaining = dataBytes ?? Infinity;
      const carry = new Uint8Array(blockAlign);
      let carried = 0;
      let block = allocBlock(channels, BLOCK_FRAMES);
      let filled = 0;
      while (remaining > 0) {
        const chunk = await reader.readChunk(Math.min(remaining, MAX_CHUNK_BYTES));
        if (!chunk) break;
        remaining -= chunk.length;
        let pos = 0;
        if (carried > 0) {
          // A frame split across two chunks is reassembled in a tiny side buffer.
          const take = Math.min(blockAlign - carried, chunk.length);
          carry.set(chunk.subarray(0, take), carried);
          carried += take;
          pos = take;
          if (carried === blockAlign) {
            convert(carry, 0, 1, block.channels, filled++);
            carried = 0;
          }
        }
        for (;;) {
          if (filled === BLOCK_FRAMES) {
            yield block;
            block = allocBlock(channels, BLOCK_FRAMES);
            filled = 0;
          }
          const frames = Math.min(Math.floor((chunk.length - pos) / blockAlign), BLOCK_FRAMES - filled);
          if (frames === 0) break;
          convert(chunk, pos, frames, block.channels, filled);
          filled += frames;
          pos += frames * blockAlign;
        }
        if (pos < chunk.length) {
          carry.set(chunk.subarray(pos), carried);
          carried += chunk.length - pos;
        }
      }
      if (filled > 0) yield trimBlock(block, filled);
      if (remaining !== Infinity && remaining + carried >= blockAlign) {
        const missing = Math.floor((remaining + carried) / blockAlign);
        throw new AudioError(
          'truncated_audio',
          `WAV data ends ${missing} frames before the size its header declares`,
        );
      }
    } finally {
      await reader.close();
    }
  }

  return {
    info,
    blocks: onceIterable(decode),
    progress: () => ({ bytesRead: reader.position, totalBytes }),
  };
}
