import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, open, readFile, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { newFileSink } from '../lib/file-sink.ts';
import { assertBufferFits, limitBytes } from './body.ts';
import { downloadToFile } from './download-to-file.ts';
import { StorageError } from './errors.ts';
import { assertObjectKey, isObjectKey, normalizePrefix } from './keys.ts';
import { assertPutOptions } from './metadata.ts';
import { resolveRange } from './range.ts';
import { makeLocalSignedUrl } from './signed-url.ts';
import type { LocalStorageConfig, ObjectInfo, PutBody, PutOptions, Storage } from './types.ts';

// Layout: `<root>/<key>` holds the bytes and `<root>/<key>.meta.json` the content type
// and metadata. The sidecar is written last and removed first, so its presence is what
// makes an object exist: a reader never sees bytes without their description.
const SIDECAR_SUFFIX = '.meta.json';

interface Sidecar {
  contentType: string;
  metadata: Record<string, string>;
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function tempPathBeside(file: string): string {
  return join(dirname(file), `.${randomUUID()}.tmp`);
}

async function readSidecar(file: string): Promise<Sidecar | null> {
  try {
    return JSON.parse(await readFile(file + SIDECAR_SUFFIX, 'utf8')) as Sidecar;
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

export function createLocalStorage(config: Omit<LocalStorageConfig, 'driver'>): Storage {
  const root = resolve(config.root);

  function pathOf(key: string): string {
    assertObjectKey(key);
    const file = resolve(root, key);
    // The key shape already rules out escapes; this guards against a future change to it.
    if (!file.startsWith(root + sep)) throw new StorageError('invalid_key', 'key escapes the storage root');
    return file;
  }

  async function writeAtomically(file: string, write: (temp: string) => Promise<void>): Promise<void> {
    const temp = tempPathBeside(file);
    try {
      await write(temp);
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async function put(key: string, body: PutBody, opts: PutOptions): Promise<ObjectInfo> {
    const file = pathOf(key);
    assertPutOptions(opts);
    assertBufferFits(body, opts.maxBytes);
    await mkdir(dirname(file), { recursive: true });
    const count = { bytes: 0 };
    await writeAtomically(file, async (temp) => {
      const sink = newFileSink(temp);
      try {
        await pipeline(limitBytes(body, opts.maxBytes, count), sink.stream);
      } finally {
        await sink.closed();
      }
    });
    const sidecar: Sidecar = { contentType: opts.contentType, metadata: { ...opts.metadata } };
    try {
      await writeAtomically(file + SIDECAR_SUFFIX, (temp) => writeFile(temp, JSON.stringify(sidecar), { flag: 'wx' }));
    } catch (err) {
      await rm(file, { force: true });
      throw err;
    }
    const { mtime } = await stat(file);
    return { key, size: count.bytes, ...sidecar, lastModified: mtime };
  }

  async function head(key: string): Promise<ObjectInfo | null> {
    const file = pathOf(key);
    const sidecar = await readSidecar(file);
    if (!sidecar) return null;
    try {
      const { size, mtime } = await stat(file);
      return { key, size, ...sidecar, lastModified: mtime };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async function get(key: string, range?: Parameters<Storage['get']>[1]): ReturnType<Storage['get']> {
    const file = pathOf(key);
    let handle: FileHandle;
    try {
      // Reading through the open handle keeps serving the same bytes even if the
      // object is deleted or replaced while the response is streaming.
      handle = await open(file, 'r');
    } catch (err) {
      if (isMissing(err)) throw new StorageError('not_found', 'object not found');
      throw err;
    }
    try {
      const sidecar = await readSidecar(file);
      if (!sidecar) throw new StorageError('not_found', 'object not found');
      const { size, mtime } = await handle.stat();
      const info: ObjectInfo = { key, size, ...sidecar, lastModified: mtime };
      if (!range) return { body: handle.createReadStream(), info };
      const served = resolveRange(range, size);
      return { body: handle.createReadStream({ start: served.start, end: served.end }), info, range: served };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async function remove(key: string): Promise<void> {
    const file = pathOf(key);
    await rm(file + SIDECAR_SUFFIX, { force: true });
    await rm(file, { force: true });
  }

  async function deletePrefix(prefix: string): Promise<number> {
    const normalized = normalizePrefix(prefix);
    const dir = resolve(root, normalized);
    let deleted = 0;
    let entries: string[];
    try {
      entries = await readdir(dir, { recursive: true });
    } catch (err) {
      if (isMissing(err)) return 0;
      throw err;
    }
    for (const entry of entries) {
      const key = `${normalized}${entry.split(sep).join('/')}`;
      if (!isObjectKey(key)) continue;
      if (await head(key)) deleted += 1;
      await remove(key);
    }
    await removeEmptyDirs(dir);
    return deleted;
  }

  // Leftover directories are harmless, so a concurrent put that recreates one simply wins.
  async function removeEmptyDirs(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory()) await removeEmptyDirs(join(dir, entry.name));
    }
    await rmdir(dir).catch(() => undefined);
  }

  async function health(): Promise<void> {
    try {
      await mkdir(root, { recursive: true });
      await access(root, constants.R_OK | constants.W_OK);
      if (!(await stat(root)).isDirectory()) throw new Error(`${root} is not a directory`);
    } catch (err) {
      throw new StorageError('unavailable', `storage root ${root} is not usable`, { cause: err });
    }
  }

  return {
    driver: 'local',
    put,
    putFile: async (key, path, opts) => {
      // Checked before opening the file so a refused call leaves no open descriptor.
      pathOf(key);
      assertPutOptions(opts);
      return put(key, createReadStream(path), opts);
    },
    get,
    downloadToFile: (key, path) => downloadToFile(() => get(key), path),
    head,
    delete: remove,
    deletePrefix,
    signedUrl: async (key, opts) => {
      assertObjectKey(key);
      return makeLocalSignedUrl(config.publicBaseUrl, key, opts, config.signingSecret);
    },
    health,
  };
}
