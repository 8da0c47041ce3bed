import { createHash, randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Readable } from 'node:stream';

export interface GeneratedBody {
  chunks: AsyncGenerator<Uint8Array>;
  /** Bytes handed out so far, and their sha256 once the generator has finished. */
  state: { produced: number; sha256?: string; peakLiveBytes: number };
}

// A collector that is callable from the test: live memory is only meaningful after a
// full collection, otherwise garbage from earlier chunks looks like buffering.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function liveBytes(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/**
 * Random bytes produced on demand, never held together. With `measureMemory`, live
 * memory is sampled (after a collection) every 4 MB and its growth kept as peakLiveBytes.
 */
export function generateBody(totalBytes: number, chunkSize = 64 * 1024, measureMemory = false): GeneratedBody {
  const state: GeneratedBody['state'] = { produced: 0, peakLiveBytes: 0 };
  const hash = createHash('sha256');
  const baseline = measureMemory ? liveBytes() : 0;
  let nextSample = 4 * 1024 * 1024;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    while (state.produced < totalBytes) {
      const chunk = randomBytes(Math.min(chunkSize, totalBytes - state.produced));
      hash.update(chunk);
      state.produced += chunk.length;
      if (measureMemory && state.produced >= nextSample) {
        nextSample += 4 * 1024 * 1024;
        state.peakLiveBytes = Math.max(state.peakLiveBytes, liveBytes() - baseline);
      }
      yield chunk;
    }
    state.sha256 = hash.digest('hex');
  }
  return { chunks: chunks(), state };
}

export async function readAll(stream: Readable | AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

export async function hashStream(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
