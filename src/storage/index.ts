// Object storage for the app. Routes typically: parseRangeHeader → storage.get(key, range);
// for the local driver's signed URLs, verifyLocalSignature then get, with contentDisposition(name).
export type {
  BucketName,
  ByteRange,
  GetResult,
  LocalStorageConfig,
  ObjectInfo,
  PutBody,
  PutOptions,
  S3StorageConfig,
  SignedUrlOptions,
  Storage,
  StorageConfig,
} from './types.ts';
export { BUCKET_NAMES } from './types.ts';
export { StorageError, isStorageError, type StorageErrorCode } from './errors.ts';
export { bucketOfKey, isObjectKey, makeObjectKey } from './keys.ts';
export { parseRangeHeader } from './range.ts';
export { contentDisposition, sanitizeFileName } from './content-disposition.ts';
export { MAX_SIGNED_URL_SECONDS, verifyLocalSignature } from './signed-url.ts';
export { createStorage } from './create-storage.ts';
export { deriveStorageSigningSecret } from './derive-signing-secret.ts';
