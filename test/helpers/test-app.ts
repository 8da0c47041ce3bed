// An application over HTTP for integration tests: real Fastify, real database (PGlite or Postgres),
// real local storage in a temp dir, in-process workers when asked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/app-context.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { closeContext, createContext } from '../../src/create-context.ts';
import { buildApp } from '../../src/http/app.ts';
import type { AppInstance } from '../../src/http/types.ts';
import { createLogger } from '../../src/logger.ts';
import { startWorkers } from '../../src/workers.ts';
import { createTestDatabase } from './test-database.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  config?: { ownedResource?: string; publicResource?: boolean; adminOnly?: boolean };
}

export interface TestApp {
  app: AppInstance;
  ctx: AppContext;
  routes: RegisteredRoute[];
  dataDir: string;
  request(options: {
    method: string;
    url: string;
    token?: string;
    apiKey?: string;
    body?: unknown;
    payload?: string | Buffer;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse & { json<T = any>(): T }>;
  close(): Promise<void>;
}

export async function createTestApp(
  options: { env?: Record<string, string>; workers?: boolean } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'backbeat-test-'));
  const config: Config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789abcdef',
    ...options.env,
  });
  const database = await createTestDatabase();
  const ctx = await createContext(config, createLogger(config.logLevel), { database });
  const routes: RegisteredRoute[] = [];
  const app = await buildApp(ctx, {
    onRoute: (r) => {
      for (const method of [r.method].flat()) routes.push({ method, url: r.url, config: r.config as RegisteredRoute['config'] });
    },
  });
  await app.ready();
  if (options.workers) await startWorkers(ctx);
  return {
    app,
    ctx,
    routes,
    dataDir,
    request({ method, url, token, apiKey, body, payload, headers }) {
      const h: Record<string, string> = { ...headers };
      if (token) h.authorization = `Bearer ${token}`;
      if (apiKey) h['x-api-key'] = apiKey;
      return app.inject({
        method: method as any,
        url,
        headers: h,
        ...(body !== undefined ? { payload: body as any } : payload !== undefined ? { payload } : {}),
      }) as any;
    },
    async close() {
      await app.close();
      await closeContext(ctx);
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
