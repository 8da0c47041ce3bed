import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StorageError } from './errors.ts';
import { parseRangeHeader, resolveRange } from './range.ts';

describe('parseRangeHeader', () => {
  const size = 10_000;

  it('reads a closed range, clamping its end to the last byte', () => {
    assert.deepEqual(parseRangeHeader('bytes=0-499', size), { start: 0, end: 499 });
    assert.deepEqual(parseRangeHeader('bytes=500-999', size), { start: 500, end: 999 });
    assert.deepEqual(parseRangeHeader('bytes=9500-20000', size), { start: 9500, end: 9999 });
    assert.deepEqual(parseRangeHeader('bytes=9999-9999', size), { start: 9999, end: 9999 });
  });

  it('reads an open range', () => {
    assert.deepEqual(parseRangeHeader('bytes=9500-', size), { start: 9500, end: 9999 });
    assert.deepEqual(parseRangeHeader('bytes=0-', size), { start: 0, end: 9999 });
  });

  it('reads a suffix range, taking the whole representation when it is shorter', () => {
    assert.deepEqual(parseRangeHeader('bytes=-500', size), { start: 9500, end: 9999 });
    assert.deepEqual(parseRangeHeader('bytes=-1', size), { start: 9999, end: 9999 });
    assert.deepEqual(parseRangeHeader('bytes=-20000', size), { start: 0, end: 9999 });
  });

  it('tolerates case in the unit, optional whitespace and empty list elements', () => {
    assert.deepEqual(parseRangeHeader('Bytes=1-2', size), { start: 1, end: 2 });
    assert.deepEqual(parseRangeHeader('bytes= 1-2 ', size), { start: 1, end: 2 });
    assert.deepEqual(parseRangeHeader('bytes=1-2,', size), { start: 1, end: 2 });
    assert.deepEqual(parseRangeHeader('bytes=, ,1-2', size), { start: 1, end: 2 });
  });

  it('reports ranges that start past the end, and zero-length suffixes, as unsatisfiable', () => {
    assert.equal(parseRangeHeader('bytes=10000-', size), 'unsatisfiable');
    assert.equal(parseRangeHeader('bytes=10000-10001', size), 'unsatisfiable');
    assert.equal(parseRangeHeader('bytes=99999999999999999999-', size), 'unsatisfiable');
    assert.equal(parseRangeHeader('bytes=-0', size), 'unsatisfiable');
    assert.equal(parseRangeHeader('bytes=0-0', 0), 'unsatisfiable');
  });

  it('serves an empty representation whole for a suffix range', () => {
    assert.equal(parseRangeHeader('bytes=-5', 0), null);
  });

  it('ignores absent, foreign-unit, malformed and multi-range headers', () => {
    for (const header of [
      undefined,
      '',
      'bytes',
      'bytes=',
      'items=0-5',
      'bytes=5-1',
      'bytes=a-b',
      'bytes=1.5-2',
      'bytes=-',
      'bytes=--5',
      'bytes=0x10-20',
      'bytes=+1-2',
      'bytes=1-2-3',
      'bytes 0-5',
      'bytes=0-1,5-6',
      'bytes=0-1, -5',
    ]) {
      assert.equal(parseRangeHeader(header, size), null, String(header));
    }
  });
});

describe('resolveRange', () => {
  it('clamps the end and refuses what cannot be served', () => {
    assert.deepEqual(resolveRange({ start: 5, end: 50 }, 10), { start: 5, end: 9 });
    const refused: Array<[{ start: number; end: number }, number]> = [
      [{ start: 10, end: 10 }, 10],
      [{ start: 0, end: 0 }, 0],
      [{ start: 3, end: 2 }, 10],
      [{ start: -1, end: 2 }, 10],
      [{ start: 0, end: Number.NaN }, 10],
    ];
    for (const [range, size] of refused) {
      assert.throws(
        () => resolveRange(range, size),
        (err) => err instanceof StorageError && err.code === 'range_not_satisfiable',
        `${JSON.stringify(range)} of ${size}`,
      );
    }
  });
});
