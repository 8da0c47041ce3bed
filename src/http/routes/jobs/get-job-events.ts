// Progress as Server-Sent Events, polled from the job row (see polled-stream.ts).
import { z } from 'zod';
import { createPolledStreams, stateEvents } from '../../polled-stream.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { findVisibleJob, JobParamsSchema, jobEvent } from './job-view.ts';

const getJobEvents: RouteModule = (app, ctx) => {
  const streams = createPolledStreams(app);

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

      await streams.send(
        request,
        reply,
        stateEvents(async () => {
          const job = await ctx.jobs.getJob(id);
          return job && { event: jobEvent(job), final: job.status === 'completed' || job.status === 'failed' };
        }),
      );
    },
  );
};

export default getJobEvents;
