// Progress of a loudness job as Server-Sent Events, polled from the database (see polled-stream.ts).
import { z } from 'zod';
import { createPolledStreams, stateEvents } from '../../polled-stream.ts';
import { AppError } from '../../../errors.ts';
import { getLoudnessJob, type LoudnessJobView } from '../../../modules/loudness/index.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';
import { IdParamsSchema } from './schemas.ts';

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
  const streams = createPolledStreams(app);

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

      await streams.send(
        request,
        reply,
        stateEvents(async () => {
          try {
            const job = await getLoudnessJob(ctx, lookup);
            return { event: event(job), final: FINAL.has(job.status) };
          } catch (err) {
            // Deleted while being watched: the stream just ends.
            if (err instanceof AppError && err.code === 'not_found') return null;
            throw err;
          }
        }),
      );
    },
  );
};

export default getLoudnessJobEvents;
