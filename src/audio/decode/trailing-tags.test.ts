import assert from 'node:assert/strict';
import { test } from 'node:test';

import { apeTag, id3v1Tag } from '../testing/tags.ts';
import { concatBytes } from '../testing/wav-bytes.ts';
import { createTailHolder, trailingTagLength } from './trailing-tags.ts';

const id3v1 = id3v1Tag();

test('finds ID3v1 and APEv2 tags at the end, alone or together', () => {
  const audio = new Uint8Array(1000).fill(7);
  assert.equal(trailingTagLength(audio), 0);
  assert.equal(trailingTagLength(concatBytes([audio, id3v1])), 128);
  assert.equal(trailingTagLength(concatBytes([audio, apeTag(100, true)])), 164);
  assert.equal(trailingTagLength(concatBytes([audio, apeTag(100, false), id3v1])), 132 + 128);
  // A footer whose size points before the start of the buffer is not trusted.
  const lying = apeTag(100, false);
  new DataView(lying.buffer).setUint32(lying.length - 32 + 12, 1e9, true);
  assert.equal(trailingTagLength(lying), 0);
});

test('the tail holder releases everything but the tail, then strips tags', () => {
  const holder = createTailHolder(100);
  const released: number[] = [];
  for (let i = 0; i < 10; i++) released.push(...holder.push(new Uint8Array(60).fill(i)).map((c) => c[0]!));
  assert.deepEqual(released, [0, 1, 2, 3, 4, 5, 6, 7]);
  const tail = holder.finish();
  assert.equal(tail.length, 120);
  const tagged = createTailHolder(200);
  assert.deepEqual(tagged.push(new Uint8Array(50).fill(1)), []);
  assert.deepEqual(tagged.push(id3v1), []);
  assert.deepEqual(tagged.finish(), new Uint8Array(50).fill(1));
});
