import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { peekStream } from './peek-stream.ts';

async function collect(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

test('peeks across small chunks and replays everything', async () => {
  const source = Readable.from([Buffer.from('ab'), Buffer.from('cdef'), Buffer.from('ghij')]);
  const { head, body } = await peekStream(source, 5);
  assert.equal(head.toString(), 'abcde');
  assert.equal((await collect(body)).toString(), 'abcdefghij');
});

test('a stream shorter than the peek is returned whole', async () => {
  const { head, body } = await peekStream(Readable.from([Buffer.from('xy')]), 12);
  assert.equal(head.toString(), 'xy');
  assert.equal((await collect(body)).toString(), 'xy');
});

test('discard and early exit release the source', async () => {
  const first = Readable.from((function* () { for (let i = 0; i < 100; i++) yield Buffer.alloc(10); })());
  const peeked = await peekStream(first, 4);
  await peeked.discard();
  assert.equal(first.destroyed, true);

  const second = Readable.from((function* () { for (let i = 0; i < 100; i++) yield Buffer.alloc(10); })());
  const { body } = await peekStream(second, 4);
  for await (const _chunk of body) break;
  assert.equal(second.destroyed, true);
});
