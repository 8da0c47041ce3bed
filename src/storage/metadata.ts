import type { PutOptions } from './types.ts';

const METADATA_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
// S3 caps user metadata at 2 KB (names and values together); the local driver keeps
// the same cap so a caller that works on one works on the other.
const MAX_METADATA_BYTES = 2048;

/** Throws TypeError for options that no backend would store faithfully. */
export function assertPutOptions(opts: PutOptions): void {
  if (typeof opts.contentType !== 'string' || !/^[\x21-\x7e][\x20-\x7e]*$/.test(opts.contentType)) {
    throw new TypeError('contentType must be printable ASCII');
  }
  if (opts.maxBytes !== undefined && (!Number.isSafeInteger(opts.maxBytes) || opts.maxBytes < 0)) {
    throw new TypeError('maxBytes must be a non-negative integer');
  }
  let total = 0;
  for (const [name, value] of Object.entries(opts.metadata ?? {})) {
    // S3 lower-cases metadata names; insisting on lower case keeps both drivers identical.
    if (!METADATA_KEY.test(name)) throw new TypeError(`metadata key "${name}" must match [a-z0-9-]`);
    if (typeof value !== 'string') throw new TypeError(`metadata "${name}" must be a string`);
    total += name.length + encodeMetadataValue(value).length;
  }
  if (total > MAX_METADATA_BYTES) throw new TypeError(`metadata exceeds ${MAX_METADATA_BYTES} bytes`);
}

/** HTTP headers carry ASCII only, so values are percent-encoded on the way to S3. */
export function encodeMetadataValue(value: string): string {
  return encodeURIComponent(value);
}

export function decodeMetadataValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // written by another tool, not encoded by us
  }
}

export function encodeMetadata(metadata: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, encodeMetadataValue(v)]));
}

export function decodeMetadata(metadata: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, decodeMetadataValue(v)]));
}
