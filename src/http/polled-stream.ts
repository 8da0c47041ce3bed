// Long-lived progress responses (Server-Sent Events, NDJSON) that poll the database rather than
// listen in-process, so they follow work done by any worker anywhere: Postgres is the only
// coordinator. One loop for every such route: headers, keep-alives, client disconnects, shutdown.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const POLL_MS = 400;
// Something is written at least this often, so proxies and load balancers keep an idle stream open.
const HEARTBEAT_MS = 15_000;

export interface PolledStream {
  contentType: string;
  /** Written once after the headers (e.g. an SSE `retry:` hint). */
  preamble?: string;
  /** Written when nothing else was for a while. */
  keepAlive: string;
  /**
   * Writes whatever is new since the last call and says whether the stream is finished. A thrown
   * error ends the stream (and is logged).
   */
  poll(write: (chunk: string) => void): Promise<'more' | 'done'>;
}

export interface PolledStreams {
  send(request: FastifyRequest, reply: FastifyReply, stream: PolledStream): Promise<void>;
}

/** Streams for one route module; closing the server ends them (it must not wait for idle clients). */
export function createPolledStreams(app: FastifyInstance): PolledStreams {
  const open = new Set<AbortController>();
  app.addHook('onClose', async () => {
    for (const stream of open) stream.abort();
  });
  return {
    async send(request, reply, stream) {
      const stop = new AbortController();
      open.add(stop);
      reply.hijack();
      const raw = reply.raw;
      // The response closes when the client goes away (a request's own 'close' only says its body was read).
      raw.once('close', () => stop.abort());
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': stream.contentType,
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      if (stream.preamble) raw.write(stream.preamble);
      let lastWrite = Date.now();
      const write = (chunk: string) => {
        raw.write(chunk);
        lastWrite = Date.now();
      };
      try {
        while (!stop.signal.aborted) {
          if ((await stream.poll(write)) === 'done') break;
          if (Date.now() - lastWrite >= HEARTBEAT_MS) write(stream.keepAlive);
          await sleep(POLL_MS, undefined, { signal: stop.signal }).catch(() => {});
        }
      } catch (err) {
        request.log.error({ err, url: request.url }, 'progress stream failed');
      } finally {
        open.delete(stop);
        raw.end();
      }
    },
  };
}

/**
 * Server-Sent Events of a state that is polled: an event whenever the state changes, ending after a
 * final one. `load` returns null when the thing is gone (the stream just ends).
 */
export function stateEvents<T extends object>(load: () => Promise<{ event: T; final: boolean } | null>): PolledStream {
  let last = '';
  return {
    contentType: 'text/event-stream; charset=utf-8',
    preamble: 'retry: 2000\n\n',
    keepAlive: ': keep-alive\n\n',
    async poll(write) {
      const state = await load();
      if (!state) return 'done';
      const data = JSON.stringify(state.event);
      if (data !== last) {
        write(`data: ${data}\n\n`);
        last = data;
      }
      return state.final ? 'done' : 'more';
    },
  };
}
