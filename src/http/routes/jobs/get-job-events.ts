// Progress as Server-Sent Events. The stream polls the job row rather than listening in-process, so
// it follows a job run by any worker anywhere: Postgres is the only coordinator.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { findVisibleJob, JobParamsSchema, jobEvent } from './job-view.ts';

const POLL_MS = 400;
// Comment lines keep proxies and load balancers from closing an idle stream.
const HEARTBEAT_MS = 15_000;

const getJobEvents: RouteModule = (app, ctx) => {
  const open = new Set<AbortController>();
  app.addHook('onClose', async () => {
    for (const stream of open) stream.abort();
  });

  app.get(
    '/jobs/:id/events',
    {
      config: { ownedResource: 'job' },
      schema: {
        tags: ['jobs'],
        summary: 'Follow a job: Server-Sent Events, one JSON object per event, until it completes or fails',
        description:
          'Each `data:` line is `{ id, status, progress, message?, error? }`, sent when something changes. ' +
          'The stream ends after the event with status `completed` or `failed`.',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: JobParamsSchema,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('A stream of `data: {json}` events') },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const id = request.params.id;
      await findVisibleJob(ctx, user, id);

      const stop = new AbortController();
      open.add(stop);
      reply.hijack();
      const raw = reply.raw;
      // The response closes when the client goes away (a request's own 'close' only says its body was read).
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
          const job = await ctx.jobs.getJob(id);
          if (!job) break;
          const event = JSON.stringify(jobEvent(job));
          if (event !== last) {
            raw.write(`data: ${event}\n\n`);
            last = event;
            lastWrite = Date.now();
          } else if (Date.now() - lastWrite >= HEARTBEAT_MS) {
            raw.write(': keep-alive\n\n');
            lastWrite = Date.now();
          }
          if (job.status === 'completed' || job.status === 'failed') break;
          await sleep(POLL_MS, undefined, { signal: stop.signal }).catch(() => {});
        }
      } catch (err) {
        request.log.error({ err, jobId: id }, 'job event stream failed');
      } finally {
        open.delete(stop);
        raw.end();
      }
    },
  );
};

export default getJobEvents;
