import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { GetResult } from './types.ts';

/** Streams an object into `path` through a temporary sibling, so readers never see half a file. */
export async function downloadToFile(get: () => Promise<GetResult>, path: string): Promise<void> {
  const { body } = await get();
  const temp = `${path}.${randomUUID()}.part`;
  try {
    await pipeline(body, createWriteStream(temp, { flags: 'wx' }));
    await rename(temp, path);
  } catch (err) {
    body.destroy();
    await rm(temp, { force: true });
    throw err;
  }
}
