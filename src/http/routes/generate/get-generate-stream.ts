// A generation's progress as NDJSON: its step log as it grows, then the finished song (or the error),
// polled from the database like every progress stream (see polled-stream.ts).
import { z } from 'zod';
import { createPolledStreams } from '../../polled-stream.ts';
import { notFound } from '../../../errors.ts';
import { songResult } from '../../../modules/generation/song-result.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';

const getGenerateStream: RouteModule = (app, ctx) => {
  const streams = createPolledStreams(app);

  app.get(
    '/generate/:id/stream',
    {
      config: { ownedResource: 'generation_job' },
      schema: {
        tags: ['generation'],
        summary: 'Follow a generation by its job id: NDJSON log lines, then the result',
        description:
          '`:id` is the job id returned by POST /api/generate. Each line is one JSON object: ' +
          '`{"type":"log","step","message","at"}` as the worker reports steps, then `{"type":"result","data":{song}}` ' +
          'or `{"type":"error","error":{code,message},"data":{song}}`, after which the stream ends. ' +
          'Blank lines are keep-alives.',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: z.strictObject({ id: z.string().max(64) }),
        produces: ['application/x-ndjson'],
        response: { 200: z.string().describe('Newline-delimited JSON') },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const jobId = request.params.id;
      const job = await ctx.jobs.getJob(jobId);
      if (!job || job.ownerId !== user.id) throw notFound('Generation');
      const song = await ctx.database.db.selectFrom('songs').select('id').where('job_id', '=', jobId).executeTakeFirst();
      if (!song) throw notFound('Generation');

      const db = ctx.database.db;
      let lastId = 0;
      await streams.send(request, reply, {
        contentType: 'application/x-ndjson; charset=utf-8',
        keepAlive: '\n',
        async poll(write) {
          // Read the status first: logs written before a final status are then all in the next read.
          const state = await db.selectFrom('songs').select('status').where('id', '=', song.id).executeTakeFirst();
          const logs = await db
            .selectFrom('generation_logs')
            .select(['id', 'step', 'message', 'created_at'])
            .where('song_id', '=', song.id)
            .where('id', '>', lastId)
            .orderBy('id')
            .limit(500)
            .execute();
          for (const l of logs) {
            write(JSON.stringify({ type: 'log', step: l.step, message: l.message, at: l.created_at.toISOString() }) + '\n');
            lastId = Number(l.id);
          }
          if (logs.length === 500) return 'more';
          if (!state) {
            write(JSON.stringify({ type: 'error', error: { code: 'not_found', message: 'The song was deleted' } }) + '\n');
            return 'done';
          }
          if (state.status !== 'completed' && state.status !== 'failed') return 'more';
          const data = await songResult(ctx, song.id);
          const final =
            state.status === 'completed'
              ? { type: 'result', data }
              : { type: 'error', error: { code: 'generation_failed', message: data?.error ?? 'generation failed' }, data };
          write(JSON.stringify(final) + '\n');
          return 'done';
        },
      });
    },
  );
};

export default getGenerateStream;
