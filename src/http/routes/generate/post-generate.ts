import { z } from 'zod';
import { createGeneration } from '../../../modules/generation/create-generation.ts';
import { GenerationRequestSchema } from '../../../modules/generation/generation-request.ts';
import { recordActivity } from '../../../modules/social/record-activity.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';

const AcceptedSchema = z.object({
  song: z.object({ id: z.uuid() }),
  job: z.object({ id: z.uuid(), status: z.literal('queued') }),
});

const postGenerate: RouteModule = (app, ctx) => {
  app.post(
    '/generate',
    {
      schema: {
        tags: ['generation'],
        summary: 'Generate a song: pays for it, queues the render and answers 202 with the song and its job',
        description:
          'Costs `CREDITS_COST_PER_TRACK` × `variations` credits (402 `insufficient_credits` when short). ' +
          'Free wallets may also have a generation allowance (402 `payment_required` when used up). ' +
          'With an `Idempotency-Key` header the first 202 is stored: the same key and body replay it, ' +
          'a different body gets 422, and a request racing the first waits for it and replays its answer. ' +
          'Follow progress at `/api/generate/{jobId}/stream` (NDJSON) or `/api/jobs/{jobId}/events` (SSE).',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: GenerationRequestSchema,
        response: { 202: AcceptedSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const result = await createGeneration(ctx, {
        userId: user.id,
        request: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      // A generation counts toward the daily streak; the streak is a nicety, never a reason to fail.
      else await recordActivity(ctx.database.db, user.id).catch((err) => request.log.warn({ err }, 'streak not recorded'));
      return reply.status(result.statusCode as 202).send(result.body);
    },
  );
};

export default postGenerate;
