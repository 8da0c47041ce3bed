// Progress of a loudness job as Server-Sent Events. Like /api/jobs/:id/events it polls the database,
// so it follows a job run by any worker process anywhere.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { getLoudnessJob, type LoudnessJobView } from '../../../modules/loudness/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { IdParamsSchema } from './schemas.ts';

const POLL_MS = 400;
// Comment lines keep proxies and load balancers from closing an idle stream.
const HEARTBEAT_MS = 15_000;
const FINAL = new Set(['completed', 'failed', 'expired']);

function event(job: LoudnessJobView) {
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    ...(job.message ? { message: job.message } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

const getLoudnessJobEvents: RouteModule = (app, ctx) => {
  const open = new Set<AbortController>();
  app.addHook('onClose', async () => {
    for (const stream of open) stream.abort();
  });

  app.get(
    '/loudness/jobs/:id/events',
    {
      config: { ownedResource: 'loudness_job' },
      schema: {
        tags: ['loudness'],
        summary: 'Follow a loudness job: Server-Sent Events until it completes, fails or expires',
        description: 'Each `data:` line is `{ id, status, progress, message?, error? }`, sent when something changes.',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: IdParamsSchema,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('A stream of `data: {json}` events') },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const lookup = { userId: user.id, jobId: request.params.id };
      await getLoudnessJob(ctx, lookup);

      const stop = new AbortController();
      open.add(stop);
      reply.hijack();
      const raw = reply.raw;
      raw.once('close', () => stop.abort());
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 2000\n\n');

      let last = '';
      let lastWrite = Date.now();
      try {
        while (!stop.signal.aborted) {
          let job: LoudnessJobView;
          try {
            job = await getLoudnessJob(ctx, lookup);
          } catch (err) {
            // Deleted while being watched: the stream just ends.
            if (err instanceof AppError && err.code === 'not_found') break;
            throw err;
          }
          const data = JSON.stringify(event(job));
          if (data !== last) {
            raw.write(`data: ${data}\n\n`);
            last = data;
            lastWrite = Date.now();
          } else if (Date.now() - lastWrite >= HEARTBEAT_MS) {
            raw.write(': keep-alive\n\n');
            lastWrite = Date.now();
          }
          if (FINAL.has(job.status)) break;
          await sleep(POLL_MS, undefined, { signal: stop.signal }).catch(() => {});
        }
      } catch (err) {
        request.log.error({ err, jobId: lookup.jobId }, 'loudness event stream failed');
      } finally {
        open.delete(stop);
        raw.end();
      }
    },
  );
};

export default getLoudnessJobEvents;
