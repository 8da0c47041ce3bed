// A write stream for a new file that can be waited on until it has let go of the file. pipeline()
// settles as soon as its source fails, possibly before the file is even open: removing the file at
// that point races its creation and leaves it behind.
import { createWriteStream, type WriteStream } from 'node:fs';

export interface FileSink {
  stream: WriteStream;
  /** Resolves once the stream is closed (the file created and released, or never created). */
  closed(): Promise<void>;
}

/** Opens `path` for writing; fails if it exists (`wx`). */
export function newFileSink(path: string): FileSink {
  const stream = createWriteStream(path, { flags: 'wx' });
  const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  return { stream, closed: () => (stream.closed ? Promise.resolve() : closed) };
}
