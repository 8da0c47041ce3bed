import { StorageError } from './errors.ts';

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'EPIPE']);

interface SdkError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

function statusOf(err: unknown): number | undefined {
  return (err as SdkError | null)?.$metadata?.httpStatusCode;
}

/** Maps SDK failures onto storage codes; anything else is rethrown untouched. */
export function translateS3Error(err: unknown): unknown {
  if (err instanceof StorageError) return err;
  const e = (err ?? {}) as SdkError;
  const status = statusOf(err);
  // A missing bucket is a deployment fault, not a missing object.
  if (e.name === 'NoSuchBucket') {
    return new StorageError('unavailable', 'bucket does not exist', { cause: err });
  }
  if (status === 404 || e.name === 'NoSuchKey' || e.name === 'NotFound') {
    return new StorageError('not_found', 'object not found', { cause: err });
  }
  if (status === 416 || e.name === 'InvalidRange') {
    return new StorageError('range_not_satisfiable', 'range not satisfiable', { cause: err });
  }
  if ((status !== undefined && status >= 500) || NETWORK_ERRORS.has(e.code ?? '') || e.name === 'TimeoutError') {
    return new StorageError('unavailable', 'object store unavailable', { cause: err });
  }
  return err;
}
