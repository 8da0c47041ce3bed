import { StorageError } from './errors.ts';
import type { ByteRange } from './types.ts';

const INT_RANGE = /^(\d+)-(\d*)$/;
const SUFFIX_RANGE = /^-(\d+)$/;

/**
 * Reads an HTTP `Range` header (RFC 9110 §14) for a representation of `size` bytes.
 * Returns null when the whole representation should be served: no header, another
 * unit, a malformed value, or several ranges (multipart/byteranges is not offered).
 */
export function parseRangeHeader(
  header: string | undefined,
  size: number,
): ByteRange | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const eq = header.indexOf('=');
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return null;
  // The list grammar allows empty elements ("bytes=0-1,"); they do not count as ranges.
  const specs = header
    .slice(eq + 1)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (specs.length !== 1) return null;
  const spec = specs[0];

  const suffix = SUFFIX_RANGE.exec(spec);
  if (suffix) {
    const length = Number(suffix[1]);
    if (length === 0) return 'unsatisfiable';
    // An empty representation has no byte positions to name; serve it whole.
    if (size === 0) return null;
    return { start: Math.max(0, size - length), end: size - 1 };
  }

  const int = INT_RANGE.exec(spec);
  if (!int) return null;
  const start = Number(int[1]);
  const end = int[2] === '' ? Infinity : Number(int[2]);
  if (end < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

/** Checks a range asked of storage against the object size; clamps the end like HTTP does. */
export function resolveRange(range: ByteRange, size: number): ByteRange {
  assertRangeShape(range);
  if (range.start >= size) {
    throw new StorageError('range_not_satisfiable', `range starts at ${range.start} but size is ${size}`);
  }
  return { start: range.start, end: Math.min(range.end, size - 1) };
}

export function assertRangeShape(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new StorageError('range_not_satisfiable', 'range must be integers with 0 <= start <= end');
  }
}
