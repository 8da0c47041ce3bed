import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBatcher } from './batcher.ts';

function deferred(): { promise: Promise<void>; release(): void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

test('a call at low load runs at once, alone', async () => {
  const batches: number[][] = [];
  const batcher = createBatcher<number, number>(async (items) => {
    batches.push(items);
    return items.map((n) => n * 2);
  }, { maxInFlight: 1, maxBatchSize: 10 });
  assert.equal(await batcher.submit(3), 6);
  assert.equal(await batcher.submit(4), 8);
  assert.deepEqual(batches, [[3], [4]]);
});

test('calls arriving while batches run go together, each answered with its own result', async () => {
  const gate = deferred();
  const batches: number[][] = [];
  const batcher = createBatcher<number, string>(async (items) => {
    batches.push(items);
    if (batches.length === 1) await gate.promise;
    return items.map((n) => `r${n}`);
  }, { maxInFlight: 1, maxBatchSize: 3 });
  const calls = [1, 2, 3, 4, 5, 6].map((n) => batcher.submit(n));
  gate.release();
  assert.deepEqual(await Promise.all(calls), ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
  assert.deepEqual(batches, [[1], [2, 3, 4], [5, 6]]);
});

test('no more than maxInFlight batches run at once', async () => {
  let running = 0;
  let most = 0;
  const batcher = createBatcher<number, number>(async (items) => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
    return items;
  }, { maxInFlight: 2, maxBatchSize: 4 });
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => batcher.submit(i)));
  assert.deepEqual(results, Array.from({ length: 40 }, (_, i) => i));
  assert.equal(most, 2);
});

test('a failed batch is retried item by item, so only the bad item fails', async () => {
  const gate = deferred();
  const batches: number[][] = [];
  const batcher = createBatcher<number, number>(async (items) => {
    batches.push(items);
    if (batches.length === 1) await gate.promise;
    if (items.includes(13)) throw new Error('unlucky');
    return items;
  }, { maxInFlight: 1, maxBatchSize: 10 });
  const calls = [1, 12, 13, 14].map((n) => batcher.submit(n).then((v) => ({ v }), (e: Error) => ({ e: e.message })));
  gate.release();
  assert.deepEqual(await Promise.all(calls), [{ v: 1 }, { v: 12 }, { e: 'unlucky' }, { v: 14 }]);
  assert.deepEqual(batches, [[1], [12, 13, 14], [12], [13], [14]]);
});

test('a batch answering the wrong number of results is retried item by item', async () => {
  const gate = deferred();
  let calls = 0;
  const batcher = createBatcher<number, number>(async (items) => {
    calls++;
    if (calls === 1) await gate.promise;
    return items.length > 1 ? items.slice(1) : items;
  }, { maxInFlight: 1, maxBatchSize: 10 });
  const results = [5, 6, 7].map((n) => batcher.submit(n));
  gate.release();
  assert.deepEqual(await Promise.all(results), [5, 6, 7]);
});
