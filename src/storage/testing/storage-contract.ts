import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { StorageError } from '../errors.ts';
import { makeObjectKey } from '../keys.ts';
import { parseRangeHeader } from '../range.ts';
import type { ByteRange, PutOptions, Storage } from '../types.ts';
import { hostileKeys } from './hostile-keys.ts';
import { generateBody, hashStream, readAll } from './streams.ts';

export interface ContractTarget {
  storage: Storage;
  /** Anything the backend holds besides committed objects (temp files, parts), if it can tell. */
  leftovers(): Promise<string[]>;
  teardown(): Promise<void>;
}

const MB = 1024 * 1024;

function isCode(code: StorageError['code']) {
  return (err: unknown) => err instanceof StorageError && err.code === code;
}

export function defineStorageContract(name: string, setup: () => Promise<ContractTarget>): void {
  describe(`${name}: storage contract`, () => {
    let target: ContractTarget;
    let storage: Storage;
    let scratch: string;
    const owner = randomUUID();

    before(async () => {
      target = await setup();
      storage = target.storage;
      scratch = await mkdtemp(join(tmpdir(), 'backbeat-storage-scratch-'));
    });
    after(async () => {
      await target?.teardown();
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });

    it('reports healthy', async () => {
      await storage.health();
    });

    it('round-trips bytes, content type and non-ASCII metadata through put, head, get and delete', async () => {
      const key = makeObjectKey('uploads', owner, 'wav');
      const body = Buffer.from('RIFF....WAVEfmt fake audio');
      const metadata = { 'original-name': 'Grüße – 🎵 "mix" ../final.wav', 'song-id': randomUUID() };
      const put = await storage.put(key, body, { contentType: 'audio/wav', metadata });
      assert.equal(put.key, key);
      assert.equal(put.size, body.length);
      assert.deepEqual(put.metadata, metadata);

      const info = await storage.head(key);
      assert.ok(info);
      assert.equal(info.size, body.length);
      assert.equal(info.contentType, 'audio/wav');
      assert.deepEqual(info.metadata, metadata);
      assert.ok(Math.abs(info.lastModified.getTime() - Date.now()) < 60_000);

      const got = await storage.get(key);
      assert.deepEqual(await readAll(got.body), body);
      assert.equal(got.info.size, body.length);
      assert.deepEqual(got.info.metadata, metadata);
      assert.equal(got.range, undefined);

      await storage.delete(key);
      assert.equal(await storage.head(key), null);
      await assert.rejects(storage.get(key), isCode('not_found'));
      await storage.delete(key); // idempotent
    });

    it('accepts a Readable, an async iterable and an empty body', async () => {
      const fromReadable = makeObjectKey('music', owner, 'mp3');
      await storage.put(fromReadable, Readable.from([Buffer.from('ab'), Buffer.from('cd')]), { contentType: 'audio/mpeg' });
      assert.equal((await readAll((await storage.get(fromReadable)).body)).toString(), 'abcd');

      const fromIterable = makeObjectKey('music', owner, 'mp3');
      async function* parts() {
        yield new Uint8Array([1, 2, 3]);
        yield new TextEncoder().encode('xyz');
      }
      const info = await storage.put(fromIterable, parts(), { contentType: 'audio/mpeg' });
      assert.equal(info.size, 6);
      assert.deepEqual(await readAll((await storage.get(fromIterable)).body), Buffer.from([1, 2, 3, 120, 121, 122]));

      const empty = makeObjectKey('avatars', owner, 'png');
      await storage.put(empty, Buffer.alloc(0), { contentType: 'image/png' });
      assert.equal((await storage.head(empty))?.size, 0);
      assert.equal((await readAll((await storage.get(empty)).body)).length, 0);
      assert.deepEqual((await storage.head(empty))?.metadata, {});
    });

    it('streams a 50 MB body generated on the fly without holding it in memory', async () => {
      const key = makeObjectKey('deliverables', owner, 'wav');
      const size = 50 * MB;
      const generated = generateBody(size, 64 * 1024, true);
      const info = await storage.put(key, generated.chunks, { contentType: 'audio/wav', maxBytes: 64 * MB });
      assert.equal(info.size, size);
      // Buffering the body would keep ~50 MB alive; streaming keeps a few parts at most.
      assert.ok(generated.state.peakLiveBytes < 32 * MB, `peak live growth ${generated.state.peakLiveBytes}`);
      const read = await hashStream((await storage.get(key)).body);
      assert.equal(read.bytes, size);
      assert.equal(read.sha256, generated.state.sha256);
      await storage.delete(key);
    });

    describe('ranges', () => {
      const content = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
      let key: string;
      before(async () => {
        key = makeObjectKey('music', owner, 'mp3');
        await storage.put(key, content, { contentType: 'audio/mpeg' });
      });

      async function readRange(range: ByteRange) {
        const got = await storage.get(key, range);
        return { ...got, bytes: await readAll(got.body) };
      }

      it('serves start-end, open and suffix ranges with the full size in info', async () => {
        const cases: Array<[string, ByteRange]> = [
          ['bytes=10-19', { start: 10, end: 19 }],
          ['bytes=990-', { start: 990, end: 999 }],
          ['bytes=-5', { start: 995, end: 999 }],
          ['bytes=0-0', { start: 0, end: 0 }],
          ['bytes=500-5000', { start: 500, end: 999 }],
        ];
        for (const [header, expected] of cases) {
          const range = parseRangeHeader(header, content.length);
          assert.deepEqual(range, expected, header);
          const got = await readRange(range as ByteRange);
          assert.deepEqual(got.range, expected, header);
          assert.equal(got.info.size, content.length, header);
          assert.deepEqual(got.bytes, content.subarray(expected.start, expected.end + 1), header);
        }
      });

      it('clamps an end past the last byte', async () => {
        const got = await readRange({ start: 995, end: 10_000 });
        assert.deepEqual(got.range, { start: 995, end: 999 });
        assert.deepEqual(got.bytes, content.subarray(995));
      });

      it('refuses unsatisfiable ranges', async () => {
        assert.equal(parseRangeHeader('bytes=1000-', content.length), 'unsatisfiable');
        for (const range of [
          { start: 1000, end: 1001 },
          { start: 5000, end: 6000 },
          { start: 20, end: 10 },
          { start: -1, end: 5 },
          { start: 1.5, end: 5 },
        ]) {
          await assert.rejects(storage.get(key, range), isCode('range_not_satisfiable'), JSON.stringify(range));
        }
      });

      it('reports not_found for a missing object even with a range', async () => {
        await assert.rejects(storage.get(makeObjectKey('music', owner, 'mp3'), { start: 0, end: 1 }), isCode('not_found'));
      });
    });

    describe('maxBytes', () => {
      it('accepts a body of exactly maxBytes', async () => {
        const key = makeObjectKey('uploads', owner, 'bin');
        const generated = generateBody(100_000, 10_000);
        assert.equal((await storage.put(key, generated.chunks, { contentType: 'application/octet-stream', maxBytes: 100_000 })).size, 100_000);
        await storage.delete(key);
      });

      it('refuses an oversized Buffer before storing anything', async () => {
        const key = makeObjectKey('uploads', owner, 'bin');
        await assert.rejects(
          storage.put(key, Buffer.alloc(11), { contentType: 'application/octet-stream', maxBytes: 10 }),
          isCode('too_large'),
        );
        assert.equal(await storage.head(key), null);
      });

      for (const [label, total, limit] of [
        ['a small stream', 3 * MB, 1 * MB],
        ['a stream spanning several upload parts', 20 * MB, 12 * MB],
      ] as const) {
        it(`stops ${label} as soon as it passes the limit and keeps nothing`, async () => {
          const key = makeObjectKey('uploads', owner, 'bin');
          const generated = generateBody(total, 64 * 1024);
          await assert.rejects(
            storage.put(key, generated.chunks, { contentType: 'application/octet-stream', maxBytes: limit }),
            isCode('too_large'),
          );
          // Some read-ahead is allowed, but not the rest of the body.
          assert.ok(generated.state.produced <= limit + 2 * MB, `read ${generated.state.produced} bytes`);
          assert.equal(await storage.head(key), null);
          assert.deepEqual(await target.leftovers(), []);
        });
      }
    });

    it('copies files in with putFile and out with downloadToFile', async () => {
      const source = join(scratch, 'render.flac');
      const bytes = randomBytes(300_000);
      await writeFile(source, bytes);
      const key = makeObjectKey('deliverables', owner, 'flac');
      const info = await storage.putFile(key, source, { contentType: 'audio/flac', metadata: { kind: 'master' } });
      assert.equal(info.size, bytes.length);
      const target = join(scratch, 'copy.flac');
      await storage.downloadToFile(key, target);
      assert.deepEqual(await readFile(target), bytes);
      await assert.rejects(storage.downloadToFile(makeObjectKey('deliverables', owner, 'flac'), join(scratch, 'missing.flac')), isCode('not_found'));
      await assert.rejects(readFile(join(scratch, 'missing.flac')), { code: 'ENOENT' });
    });

    it('deletes every object under an owner prefix and nothing else', async () => {
      const a = randomUUID();
      const b = randomUUID();
      const aUploads = [0, 1, 2].map(() => makeObjectKey('uploads', a, 'wav'));
      const bUpload = makeObjectKey('uploads', b, 'wav');
      const aMusic = makeObjectKey('music', a, 'mp3');
      for (const key of [...aUploads, bUpload, aMusic]) {
        await storage.put(key, Buffer.from(key), { contentType: 'audio/wav' });
      }
      assert.equal(await storage.deletePrefix(`uploads/${a}/`), 3);
      for (const key of aUploads) assert.equal(await storage.head(key), null);
      assert.ok(await storage.head(bUpload));
      assert.ok(await storage.head(aMusic));
      assert.equal(await storage.deletePrefix(`uploads/${a}`), 0);
      assert.equal(await storage.deletePrefix(`uploads/${randomUUID()}/`), 0);
      for (const prefix of ['', '/', '../', 'uploads/../', `uploads/${a}/../`, 'uploads/x/', `uploads/${a}/${randomUUID()}`, '%2e%2e/']) {
        await assert.rejects(storage.deletePrefix(prefix), isCode('invalid_key'), prefix);
      }
    });

    it('refuses keys that are not server-generated, in every operation', async () => {
      for (const key of hostileKeys(owner)) {
        const label = JSON.stringify(key);
        await assert.rejects(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }), isCode('invalid_key'), label);
        await assert.rejects(storage.putFile(key, join(scratch, 'none'), { contentType: 'text/plain' }), isCode('invalid_key'), label);
        await assert.rejects(storage.get(key), isCode('invalid_key'), label);
        await assert.rejects(storage.head(key), isCode('invalid_key'), label);
        await assert.rejects(storage.delete(key), isCode('invalid_key'), label);
        await assert.rejects(storage.signedUrl(key, { expiresInSeconds: 60 }), isCode('invalid_key'), label);
      }
    });

    it('refuses metadata and options no backend would keep faithfully', async () => {
      const key = makeObjectKey('uploads', owner, 'txt');
      const refused: PutOptions[] = [
        { contentType: 'text/plain', metadata: { originalName: 'x' } },
        { contentType: 'text/plain', metadata: { 'a b': 'x' } },
        { contentType: 'text/plain', metadata: { big: 'x'.repeat(3000) } },
        { contentType: 'text/plain\r\nx-evil: 1' },
        { contentType: 'text/plain', maxBytes: -1 },
      ];
      for (const opts of refused) {
        await assert.rejects(storage.put(key, Buffer.from('x'), opts), TypeError, JSON.stringify(opts));
      }
      assert.equal(await storage.head(key), null);
    });

    it('refuses signed URL lifetimes outside 1 s to 7 days', async () => {
      const key = makeObjectKey('uploads', owner, 'txt');
      for (const expiresInSeconds of [0, -5, 1.5, 7 * 24 * 3600 + 1]) {
        await assert.rejects(storage.signedUrl(key, { expiresInSeconds }), RangeError);
      }
    });
  });
}
