// `backbeat serve`: the API (and, unless told otherwise, the workers) in one process, with a graceful
// shutdown on SIGTERM/SIGINT: stop taking requests, let in-flight work finish, close the pool.
import type { Config } from './config.ts';
import { closeContext, createContext } from './create-context.ts';
import { buildApp } from './http/app.ts';
import { createLogger } from './logger.ts';
import { startWorkers } from './workers.ts';

export async function serve(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const ctx = await createContext(config, log);
  const app = await buildApp(ctx);
  if (config.workers) await startWorkers(ctx);
  await app.listen({ host: config.host, port: config.port });
  log.info(
    { url: config.publicUrl, docs: `${config.publicUrl}/api/docs`, mode: ctx.database.kind, workers: config.workers },
    `Backbeat is listening on ${config.publicUrl}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    try {
      await app.close();
      await closeContext(ctx);
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/** `backbeat worker`: job handlers only, no HTTP. */
export async function runWorker(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const ctx = await createContext(config, log);
  await startWorkers(ctx);
  log.info('worker started');
  const shutdown = async () => {
    await closeContext(ctx);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}
