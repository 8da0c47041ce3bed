// A pull reader over any byte stream. Header parsers ask for small exact reads; the PCM path
// takes whatever chunk is available without copying. Only what was asked for is ever buffered,
// so a lying size field can never make it allocate more than the bytes that really arrived.

import { AudioError } from '../types.ts';

export interface ByteReader {
  /** Ensures up to `n` bytes are buffered and returns them without consuming (shorter at EOF). */
  peek(n: number): Promise<Uint8Array>;
  /** Consumes exactly `n` bytes, or throws `truncated_audio` naming `what` at EOF. */
  readExact(n: number, what: string): Promise<Uint8Array>;
  /** Consumes the next available bytes (at most `max`), or returns null at EOF. Not a copy. */
  readChunk(max: number): Promise<Uint8Array | null>;
  /** Discards `n` bytes by streaming past them; returns how many were actually skipped. */
  skip(n: number): Promise<number>;
  /** Bytes consumed by the parser so far (its position in the stream). */
  readonly position: number;
  /** Bytes pulled from the source so far. */
  readonly bytesPulled: number;
  close(): Promise<void>;
}

export function createByteReader(source: AsyncIterable<Uint8Array>): ByteReader {
  const iterator = source[Symbol.asyncIterator]();
  // Pending bytes live in `head` from `headOffset`; a peek that spans chunks merges them once.
  let head: Uint8Array = new Uint8Array(0);
  let headOffset = 0;
  let ended = false;
  let position = 0;
  let bytesPulled = 0;

  const available = (): number => head.length - headOffset;

  async function pull(): Promise<Uint8Array | null> {
    if (ended) return null;
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        return null;
      }
      const chunk = next.value;
      if (chunk.length === 0) continue;
      bytesPulled += chunk.length;
      return chunk;
    }
  }

  async function fill(n: number): Promise<void> {
    while (available() < n) {
      const chunk = await pull();
      if (!chunk) return;
      if (available() === 0) {
        head = chunk;
      } else {
        const merged = new Uint8Array(available() + chunk.length);
        merged.set(head.subarray(headOffset), 0);
        merged.set(chunk, available());
        head = merged;
      }
      headOffset = 0;
    }
  }

  return {
    async peek(n) {
      await fill(n);
      return head.subarray(headOffset, headOffset + Math.min(n, available()));
    },
    async readExact(n, what) {
      await fill(n);
      if (available() < n) {
        throw new AudioError('truncated_audio', `file ends inside the ${what}`);
      }
      const out = head.subarray(headOffset, headOffset + n);
      headOffset += n;
      position += n;
      return out;
    },
    async readChunk(max) {
      if (available() === 0) {
        const chunk = await pull();
        if (!chunk) return null;
        head = chunk;
        headOffset = 0;
      }
      const take = Math.min(max, available());
      const out = head.subarray(headOffset, headOffset + take);
      headOffset += take;
      position += take;
      return out;
    },
    async skip(n) {
      let left = n;
      while (left > 0) {
        const chunk = await this.readChunk(left);
        if (!chunk) break;
        left -= chunk.length;
      }
      return n - left;
    },
    get position() {
      return position;
    },
    get bytesPulled() {
      return bytesPulled;
    },
    async close() {
      ended = true;
      head = new Uint8Array(0);
      headOffset = 0;
      await iterator.return?.();
    },
  };
}
