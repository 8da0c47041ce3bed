import { open, unlink, type FileHandle } from 'node:fs/promises';

/** Bytes gathered before one write syscall; blocks of a few KB never reach the disk alone. */
const BUFFER_BYTES = 4 << 20;

export interface BufferedFileWriter {
  /** Appends bytes; resolves once they are buffered or written, which is the backpressure. */
  write(bytes: Uint8Array): Promise<void>;
  /** Reserves `n` bytes at the end of the buffer for the caller to fill in place. */
  reserve(n: number): Promise<Uint8Array>;
  /** Overwrites bytes already written (headers patched at the end). Flushes first. */
  writeAt(bytes: Uint8Array, position: number): Promise<void>;
  readonly bytesWritten: number;
  close(): Promise<void>;
  /** Closes and deletes the file. */
  abort(): Promise<void>;
}

export async function createBufferedFileWriter(path: string): Promise<BufferedFileWriter> {
  const handle: FileHandle = await open(path, 'w');
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  let flushed = 0;
  let closed = false;

  async function flush(): Promise<void> {
    let offset = 0;
    while (offset < used) {
      const { bytesWritten } = await handle.write(buffer, offset, used - offset, flushed + offset);
      offset += bytesWritten;
    }
    flushed += used;
    used = 0;
  }

  async function reserve(n: number): Promise<Uint8Array> {
    if (used + n > BUFFER_BYTES) await flush();
    if (n > BUFFER_BYTES) throw new RangeError(`cannot reserve ${n} bytes`);
    const out = buffer.subarray(used, used + n);
    used += n;
    return out;
  }

  return {
    async write(bytes) {
      if (bytes.length > BUFFER_BYTES) {
        await flush();
        let offset = 0;
        while (offset < bytes.length) {
          const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, flushed);
          offset += bytesWritten;
          flushed += bytesWritten;
        }
        return;
      }
      (await reserve(bytes.length)).set(bytes);
    },
    reserve,
    async writeAt(bytes, position) {
      await flush();
      await handle.write(bytes, 0, bytes.length, position);
    },
    get bytesWritten() {
      return flushed + used;
    },
    async close() {
      if (closed) return;
      await flush();
      closed = true;
      await handle.close();
    },
    async abort() {
      if (!closed) {
        closed = true;
        await handle.close();
      }
      await unlink(path).catch(() => undefined);
    },
  };
}
