import { open, type FileHandle } from 'node:fs/promises';

import { AudioError } from '../types.ts';

/** Large reads keep syscall overhead negligible next to the PCM conversion. */
const READ_SIZE = 1 << 20;

export interface FileSource {
  chunks: AsyncIterable<Uint8Array>;
  totalBytes: number;
}

/**
 * Opens a file as a byte stream. Each chunk is a fresh buffer because the reader may keep a
 * reference to it (a header split across reads), so buffers cannot be recycled safely.
 */
export async function openFileSource(path: string): Promise<FileSource> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AudioError('invalid_argument', `cannot open ${path}: ${code ?? String(err)}`);
  }
  const { size } = await handle.stat();
  let closed = false;
  async function close(): Promise<IteratorReturnResult<undefined>> {
    if (!closed) {
      closed = true;
      await handle.close();
    }
    return { done: true, value: undefined };
  }
  // A hand-written iterator rather than a generator: return() must close the handle even when
  // iteration never started (the caller rejected the header before reading any audio).
  const iterator: AsyncIterator<Uint8Array, undefined> = {
    async next() {
      if (closed) return { done: true, value: undefined };
      const buffer = Buffer.allocUnsafe(READ_SIZE);
      const { bytesRead } = await handle.read(buffer, 0, READ_SIZE, null);
      if (bytesRead === 0) return close();
      return { done: false, value: bytesRead === READ_SIZE ? buffer : buffer.subarray(0, bytesRead) };
    },
    return: close,
  };
  return {
    chunks: { [Symbol.asyncIterator]: () => iterator },
    totalBytes: size,
  };
}
