import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { sliceStream } from './slice-stream.ts';
import { readAll } from './testing/streams.ts';

describe('sliceStream', () => {
  const bytes = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
  const chunked = () => Readable.from([bytes.subarray(0, 7), bytes.subarray(7, 40), bytes.subarray(40)]);

  it('cuts the asked window out of a chunked stream', async () => {
    for (const [skip, length] of [[0, 1], [5, 10], [7, 33], [39, 2], [0, 100], [99, 1]]) {
      assert.deepEqual(await readAll(sliceStream(chunked(), skip, length)), bytes.subarray(skip, skip + length), `${skip}+${length}`);
    }
  });

  it('stops reading the source once the window is complete', async () => {
    const source = chunked();
    await readAll(sliceStream(source, 0, 3));
    assert.equal(source.destroyed, true);
  });
});
