import type { Readable } from 'node:stream';

export const BUCKET_NAMES = ['music', 'avatars', 'uploads', 'deliverables'] as const;
export type BucketName = (typeof BUCKET_NAMES)[number];

export interface ObjectInfo {
  key: string;
  size: number;
  contentType: string;
  metadata: Record<string, string>;
  lastModified: Date;
}

export interface PutOptions {
  contentType: string;
  /** Keys: lowercase `[a-z0-9-]`; values: any text (stored encoded where the backend needs ASCII). */
  metadata?: Record<string, string>;
  maxBytes?: number;
}

/** Byte positions, both inclusive, as in an HTTP `Content-Range`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface GetResult {
  body: Readable;
  info: ObjectInfo;
  range?: ByteRange;
}

export type PutBody = Readable | AsyncIterable<Uint8Array> | Buffer;

export interface SignedUrlOptions {
  expiresInSeconds: number;
  downloadName?: string;
}

export interface Storage {
  driver: 'local' | 's3';
  /** Streams the body; with `maxBytes` it fails with `too_large` as soon as the limit is passed and keeps nothing. */
  put(key: string, body: PutBody, opts: PutOptions): Promise<ObjectInfo>;
  putFile(key: string, path: string, opts: PutOptions): Promise<ObjectInfo>;
  /** A range's end is clamped to the object's last byte; the served range is returned. */
  get(key: string, range?: ByteRange): Promise<GetResult>;
  downloadToFile(key: string, path: string): Promise<void>;
  head(key: string): Promise<ObjectInfo | null>;
  delete(key: string): Promise<void>;
  /** Prefix is `<bucket>/` or `<bucket>/<ownerId>/`; returns how many objects were removed. */
  deletePrefix(prefix: string): Promise<number>;
  signedUrl(key: string, opts: SignedUrlOptions): Promise<string>;
  health(): Promise<void>;
}

export interface LocalStorageConfig {
  driver: 'local';
  root: string;
  publicBaseUrl: string;
  signingSecret: string;
}

export interface S3StorageConfig {
  driver: 's3';
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  publicBaseUrl: string;
  signingSecret: string;
}

export type StorageConfig = LocalStorageConfig | S3StorageConfig;
