/**
 * Reads the first `bytes` of a stream (fewer if it ends sooner) and returns them with an iterable that
 * replays them followed by the rest, so the body can be inspected before it is stored without
 * buffering it whole.
 */
export async function peekStream(
  source: AsyncIterable<Uint8Array>,
  bytes: number,
): Promise<{ head: Buffer; body: AsyncIterable<Buffer>; discard(): Promise<void> }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    chunks.push(chunk);
    length += chunk.length;
  }
  const buffered = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (buffered.length > 0) yield buffered;
      while (!done) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          return;
        }
        yield Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      }
    } finally {
      // Stopping early (a size limit) must release the source, e.g. destroy a request stream.
      if (!done) await iterator.return?.();
    }
  }
  return {
    head: buffered.subarray(0, bytes),
    body: replay(),
    // For a body that is refused after peeking: ends the source instead of leaving it half-read.
    discard: async () => {
      if (!done) await iterator.return?.();
    },
  };
}
