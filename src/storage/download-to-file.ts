import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { newFileSink } from '../lib/file-sink.ts';
import type { GetResult } from './types.ts';

/** Streams an object into `path` through a temporary sibling, so readers never see half a file. */
export async function downloadToFile(get: () => Promise<GetResult>, path: string): Promise<void> {
  const { body } = await get();
  const temp = `${path}.${randomUUID()}.part`;
  const sink = newFileSink(temp);
  try {
    await pipeline(body, sink.stream);
    await rename(temp, path);
  } catch (err) {
    body.destroy();
    await sink.closed();
    await rm(temp, { force: true });
    throw err;
  }
}
