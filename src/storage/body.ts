import { Readable } from 'node:stream';
import { StorageError } from './errors.ts';
import type { PutBody } from './types.ts';

export interface ByteCount {
  bytes: number;
  /** Set once the limit was passed, so callers can tell even if a consumer wraps the error. */
  tooLarge?: boolean;
}

/**
 * Passes the body through chunk by chunk, counting into `count`, and throws
 * `too_large` on the chunk that passes `maxBytes` — before that chunk reaches the
 * backend. Stopping early ends the iteration, which destroys a Readable source.
 */
export async function* limitBytes(
  body: PutBody,
  maxBytes: number | undefined,
  count: ByteCount,
): AsyncGenerator<Buffer> {
  const source: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = Buffer.isBuffer(body) ? [body] : body;
  for await (const chunk of source) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    count.bytes += buf.length;
    if (maxBytes !== undefined && count.bytes > maxBytes) {
      count.tooLarge = true;
      throw new StorageError('too_large', `body exceeds ${maxBytes} bytes`);
    }
    if (buf.length > 0) yield buf;
  }
}

/** A byte-mode Readable over the limited body, for consumers that want a stream. */
export function limitedStream(body: PutBody, maxBytes: number | undefined, count: ByteCount): Readable {
  return Readable.from(limitBytes(body, maxBytes, count), { objectMode: false });
}

export function assertBufferFits(body: PutBody, maxBytes: number | undefined): void {
  if (Buffer.isBuffer(body) && maxBytes !== undefined && body.length > maxBytes) {
    throw new StorageError('too_large', `body exceeds ${maxBytes} bytes`);
  }
}
