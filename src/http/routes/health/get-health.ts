import { sql } from 'kysely';
import { z } from 'zod';
import type { RouteModule } from '../../types.ts';

const Check = z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() });

async function timed(run: () => Promise<unknown>): Promise<z.infer<typeof Check>> {
  const started = performance.now();
  try {
    await run();
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  }
}

const getHealth: RouteModule = (app, ctx) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and dependency checks (database, storage, queue)',
        response: {
          200: z.object({ status: z.literal('ok'), checks: z.record(z.string(), Check) }),
          503: z.object({ status: z.literal('degraded'), checks: z.record(z.string(), Check) }),
        },
      },
    },
    async (_request, reply) => {
      const [database, storage, queue] = await Promise.all([
        timed(() => sql`SELECT 1`.execute(ctx.database.db)),
        timed(() => ctx.storage.health()),
        timed(() => ctx.jobs.health()),
      ]);
      const checks = { database, storage, queue };
      const ok = database.ok && storage.ok && queue.ok;
      return ok ? reply.status(200).send({ status: 'ok', checks }) : reply.status(503).send({ status: 'degraded', checks });
    },
  );
};

export default getHealth;
