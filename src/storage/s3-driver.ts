import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { assertBufferFits, limitedStream, type ByteCount } from './body.ts';
import { contentDisposition } from './content-disposition.ts';
import { downloadToFile } from './download-to-file.ts';
import { StorageError } from './errors.ts';
import { translateS3Error as translate } from './s3-errors.ts';
import { assertObjectKey, normalizePrefix } from './keys.ts';
import { assertPutOptions, decodeMetadata, encodeMetadata } from './metadata.ts';
import { assertRangeShape, resolveRange } from './range.ts';
import { sliceStream } from './slice-stream.ts';
import { assertExpiresIn } from './signed-url.ts';
import type { ByteRange, GetResult, ObjectInfo, PutBody, PutOptions, S3StorageConfig, Storage } from './types.ts';

function parseContentRange(header: string | undefined): { range: ByteRange; size: number } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header ?? '');
  if (!match) return null;
  return { range: { start: Number(match[1]), end: Number(match[2]) }, size: Number(match[3]) };
}

/**
 * Some S3-compatible stores answer a range request with the whole object or a wider
 * range; trim what they sent to exactly the range asked for (end clamped to the size).
 */
function servedRange(body: Readable, asked: ByteRange, sent: ByteRange | undefined, size: number): { body: Readable; range: ByteRange } {
  let range: ByteRange;
  try {
    range = resolveRange(asked, size);
  } catch (err) {
    body.destroy();
    throw err;
  }
  const got = sent ?? { start: 0, end: size - 1 };
  if (got.start === range.start && got.end === range.end) return { body, range };
  if (got.start > range.start || got.end < range.end) {
    body.destroy();
    throw new StorageError('unavailable', `object store sent bytes ${got.start}-${got.end} for ${range.start}-${range.end}`);
  }
  return { body: sliceStream(body, range.start - got.start, range.end - range.start + 1), range };
}

export function createS3Storage(config: Omit<S3StorageConfig, 'driver'>): Storage {
  const clientConfig: S3ClientConfig = {
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    // Only send checksums where S3 requires them: many S3-compatible stores reject
    // the newer default checksum headers and trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 5000 },
  };
  if (config.accessKeyId && config.secretAccessKey) {
    clientConfig.credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
  }
  const client = new S3Client(clientConfig);
  const Bucket = config.bucket;

  async function put(key: string, body: PutBody, opts: PutOptions): Promise<ObjectInfo> {
    assertObjectKey(key);
    assertPutOptions(opts);
    assertBufferFits(body, opts.maxBytes);
    const count: ByteCount = { bytes: 0 };
    // Upload splits the stream into 5 MB parts; two in flight keeps memory per upload
    // near 20 MB however large the body. On failure it aborts the multipart upload.
    const upload = new Upload({
      client,
      queueSize: 2,
      params: {
        Bucket,
        Key: key,
        Body: limitedStream(body, opts.maxBytes, count),
        ContentType: opts.contentType,
        Metadata: encodeMetadata(opts.metadata),
      },
    });
    try {
      await upload.done();
    } catch (err) {
      // The size error wins over whatever aborting the multipart upload ran into.
      if (count.tooLarge) throw new StorageError('too_large', `body exceeds ${opts.maxBytes} bytes`, { cause: err });
      throw translate(err);
    }
    return { key, size: count.bytes, contentType: opts.contentType, metadata: { ...opts.metadata }, lastModified: new Date() };
  }

  async function get(key: string, range?: ByteRange): Promise<GetResult> {
    assertObjectKey(key);
    if (range) assertRangeShape(range);
    try {
      const res = await client.send(
        new GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      const partial = range ? parseContentRange(res.ContentRange) : null;
      const info: ObjectInfo = {
        key,
        size: partial ? partial.size : (res.ContentLength ?? 0),
        contentType: res.ContentType ?? 'application/octet-stream',
        metadata: decodeMetadata(res.Metadata),
        lastModified: res.LastModified ?? new Date(0),
      };
      const body = res.Body as Readable;
      if (!range) return { body, info };
      return { ...servedRange(body, range, partial?.range, info.size), info };
    } catch (err) {
      throw translate(err);
    }
  }

  async function head(key: string): Promise<ObjectInfo | null> {
    assertObjectKey(key);
    try {
      const res = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return {
        key,
        size: res.ContentLength ?? 0,
        contentType: res.ContentType ?? 'application/octet-stream',
        metadata: decodeMetadata(res.Metadata),
        lastModified: res.LastModified ?? new Date(0),
      };
    } catch (err) {
      const translated = translate(err);
      if (translated instanceof StorageError && translated.code === 'not_found') return null;
      throw translated;
    }
  }

  async function remove(key: string): Promise<void> {
    assertObjectKey(key);
    try {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    } catch (err) {
      const translated = translate(err);
      if (translated instanceof StorageError && translated.code === 'not_found') return;
      throw translated;
    }
  }

  async function deletePrefix(prefix: string): Promise<number> {
    const Prefix = normalizePrefix(prefix);
    let deleted = 0;
    let ContinuationToken: string | undefined;
    try {
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
        const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
        if (keys.length > 0) {
          const res = await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys, Quiet: true } }));
          if (res.Errors?.length) {
            throw new Error(`could not delete ${res.Errors.length} objects: ${res.Errors[0].Code} ${res.Errors[0].Message}`);
          }
          deleted += keys.length;
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    } catch (err) {
      throw translate(err);
    }
    return deleted;
  }

  async function signedUrl(key: string, opts: { expiresInSeconds: number; downloadName?: string }): Promise<string> {
    assertObjectKey(key);
    assertExpiresIn(opts.expiresInSeconds);
    const command = new GetObjectCommand({
      Bucket,
      Key: key,
      ResponseContentDisposition: opts.downloadName ? contentDisposition(opts.downloadName) : undefined,
    });
    return getSignedUrl(client, command, { expiresIn: opts.expiresInSeconds });
  }

  async function health(): Promise<void> {
    try {
      await client.send(new HeadBucketCommand({ Bucket }));
    } catch (err) {
      throw new StorageError('unavailable', `bucket ${Bucket} is not reachable`, { cause: err });
    }
  }

  return {
    driver: 's3',
    put,
    putFile: async (key, path, opts) => {
      assertObjectKey(key);
      assertPutOptions(opts);
      return put(key, createReadStream(path), opts);
    },
    get,
    downloadToFile: (key, path) => downloadToFile(() => get(key), path),
    head,
    delete: remove,
    deletePrefix,
    signedUrl,
    health,
  };
}
