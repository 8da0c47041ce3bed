// Worker side of the threaded encoder: owns one file encoder and answers each request in order.
import { parentPort, workerData } from 'node:worker_threads';
import { createFileEncoder, type EncoderOptions } from '../encode/index.ts';
import type { EncodeWorkerReply, EncodeWorkerRequest } from './threaded-encoder.ts';

const { path, options } = workerData.data as { path: string; options: EncoderOptions };
const opening = createFileEncoder(path, options);
// A failure to open is reported in answer to the first request, not as an unhandled rejection.
opening.catch(() => undefined);
// Requests are handled one after another even though each handler is async.
let queue: Promise<void> = Promise.resolve();

function reply(message: EncodeWorkerReply): void {
  parentPort!.postMessage(message);
}

function describe(err: unknown): EncodeWorkerReply {
  const e = err as { name?: string; message?: string; code?: string };
  return { type: 'error', name: e?.name ?? 'Error', message: e?.message ?? String(err), code: e?.code };
}

parentPort!.on('message', (request: EncodeWorkerRequest) => {
  queue = queue.then(async () => {
    try {
      const encoder = await opening;
      if (request.type === 'block') {
        await encoder.write({ channels: request.channels, frames: request.frames });
        reply({ type: 'written' });
      } else if (request.type === 'end') {
        reply({ type: 'ended', result: await encoder.end() });
      } else {
        await encoder.abort();
        reply({ type: 'aborted' });
      }
    } catch (err) {
      reply(describe(err));
    }
  });
});
