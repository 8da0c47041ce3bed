import { Readable } from 'node:stream';

/**
 * Yields `length` bytes of `source` after skipping `skip`, then destroys the source.
 * Used when an object store answers a range request with more than was asked.
 */
export function sliceStream(source: Readable, skip: number, length: number): Readable {
  async function* slice(): AsyncGenerator<Buffer> {
    let toSkip = skip;
    let remaining = length;
    // Leaving the loop early (return) destroys the source stream.
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let part = chunk;
      if (toSkip > 0) {
        const dropped = Math.min(toSkip, part.length);
        part = part.subarray(dropped);
        toSkip -= dropped;
      }
      if (part.length === 0) continue;
      if (part.length >= remaining) {
        yield part.subarray(0, remaining);
        return;
      }
      remaining -= part.length;
      yield part;
    }
  }
  return Readable.from(slice(), { objectMode: false });
}
