// A file encoder running on its own thread. Rendering a long file spends most of its time
// quantizing and writing; moving that off the thread that decodes and limits lets the two
// overlap. write() takes ownership of a block's buffers (they are transferred, not copied); a
// few blocks may be in flight before it waits.

import { startTsWorker } from '../../lib/ts-worker.ts';
import type { AudioEncoder, EncoderOptions } from '../encode/index.ts';
import { AudioError, type AudioErrorCode, type PcmBlock } from '../types.ts';

export type EncodeWorkerRequest = { type: 'block'; channels: Float32Array[]; frames: number } | { type: 'end' } | { type: 'abort' };

export type EncodeWorkerReply =
  | { type: 'written' }
  | { type: 'ended'; result: { bytesWritten: number; frames: number } }
  | { type: 'aborted' }
  | { type: 'error'; name: string; message: string; code?: string };

const MAX_IN_FLIGHT = 4;

function rebuild(reply: Extract<EncodeWorkerReply, { type: 'error' }>): Error {
  if (reply.name === 'AudioError') return new AudioError(reply.code as AudioErrorCode, reply.message);
  const err = new Error(reply.message) as Error & { code?: string };
  if (reply.code) err.code = reply.code;
  return err;
}

export async function createThreadedEncoder(path: string, options: EncoderOptions): Promise<AudioEncoder> {
  const worker = startTsWorker(new URL('./encode-worker.ts', import.meta.url), { workerData: { path, options } });
  const waiting: { resolve: (r: EncodeWorkerReply) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | null = null;
  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (reply: EncodeWorkerReply) => {
    const w = waiting.shift();
    if (!w) return;
    if (reply.type === 'error') {
      failure ??= rebuild(reply);
      w.reject(failure);
    } else w.resolve(reply);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`encoder worker exited with code ${code}`)));

  const inFlight: Promise<EncodeWorkerReply>[] = [];
  const send = (request: EncodeWorkerRequest, transfer: ArrayBuffer[] = []): Promise<EncodeWorkerReply> => {
    if (failure) return Promise.reject(failure);
    const p = new Promise<EncodeWorkerReply>((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage(request, transfer);
    });
    p.catch(() => undefined); // observed through inFlight; keeps an early failure from going unhandled
    return p;
  };
  const drain = async () => {
    while (inFlight.length > 0) await inFlight.shift();
  };
  const stop = async () => {
    worker.removeAllListeners('exit');
    await worker.terminate();
  };

  return {
    async write(block: PcmBlock) {
      // Whole buffers move to the worker without a copy; views into larger buffers are copied.
      const channels = block.channels.map((c) =>
        c.byteOffset === 0 && c.byteLength === c.buffer.byteLength && c.length === block.frames ? c : c.slice(0, block.frames),
      );
      inFlight.push(send({ type: 'block', channels, frames: block.frames }, channels.map((c) => c.buffer as ArrayBuffer)));
      if (inFlight.length > MAX_IN_FLIGHT) await inFlight.shift();
    },
    async end() {
      try {
        await drain();
        const reply = await send({ type: 'end' });
        return (reply as Extract<EncodeWorkerReply, { type: 'ended' }>).result;
      } finally {
        await stop();
      }
    },
    async abort() {
      try {
        await Promise.allSettled(inFlight.splice(0));
        if (!failure) await send({ type: 'abort' }).catch(() => undefined);
      } finally {
        await stop();
      }
    },
  };
}
