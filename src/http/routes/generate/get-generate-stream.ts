// A generation's progress as NDJSON: its step log as it grows, then the finished song (or the error).
// Like the SSE job events, it polls the database, so it follows a worker running anywhere.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { notFound } from '../../../errors.ts';
import { songResult } from '../../../modules/generation/song-result.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';

const POLL_MS = 400;
const HEARTBEAT_MS = 15_000;

const getGenerateStream: RouteModule = (app, ctx) => {
  const open = new Set<AbortController>();
  app.addHook('onClose', async () => {
    for (const stream of open) stream.abort();
  });

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

      const stop = new AbortController();
      open.add(stop);
      reply.hijack();
      const raw = reply.raw;
      raw.once('close', () => stop.abort());
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'application/x-ndjson; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      });
      const db = ctx.database.db;
      let lastId = 0;
      let lastWrite = Date.now();
      try {
        while (!stop.signal.aborted) {
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
            raw.write(JSON.stringify({ type: 'log', step: l.step, message: l.message, at: l.created_at.toISOString() }) + '\n');
            lastId = Number(l.id);
            lastWrite = Date.now();
          }
          if (logs.length === 500) continue;
          if (!state) {
            raw.write(JSON.stringify({ type: 'error', error: { code: 'not_found', message: 'The song was deleted' } }) + '\n');
            break;
          }
          if (state.status === 'completed' || state.status === 'failed') {
            const data = await songResult(ctx, song.id);
            raw.write(
              JSON.stringify(
                state.status === 'completed'
                  ? { type: 'result', data }
                  : { type: 'error', error: { code: 'generation_failed', message: data?.error ?? 'generation failed' }, data },
              ) + '\n',
            );
            break;
          }
          if (Date.now() - lastWrite >= HEARTBEAT_MS) {
            raw.write('\n');
            lastWrite = Date.now();
          }
          await sleep(POLL_MS, undefined, { signal: stop.signal }).catch(() => {});
        }
      } catch (err) {
        request.log.error({ err, jobId }, 'generation stream failed');
      } finally {
        open.delete(stop);
        raw.end();
      }
    },
  );
};

export default getGenerateStream;
