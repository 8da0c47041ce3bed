// Builds the Fastify application: plugins, error handling, OpenAPI, then every module's routes.
import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context.ts';
import { registerErrorHandler } from './error-handler.ts';
import { registerMultipart } from './multipart.ts';
import { registerAuthentication } from './plugins/authenticate.ts';
import { registerRoutes } from './routes/index.ts';
import type { AppInstance } from './types.ts';

export interface BuildAppOptions {
  /** Called for every route as it is registered (the ownership sweep collects them). */
  onRoute?: (route: { method: string | string[]; url: string; config?: unknown }) => void;
}

/** A hop count becomes a function: the nearest `hops` proxies are trusted, whatever their address. */
function trustProxySetting(setting: AppContext['config']['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<AppInstance> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: trustProxySetting(ctx.config.trustProxy),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider() as unknown as AppInstance;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  if (options.onRoute) {
    const onRoute = options.onRoute;
    app.addHook('onRoute', (route) => onRoute({ method: route.method, url: route.url, config: route.config }));
  }
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    // The API docs page needs inline scripts and styles; everything else is JSON or media.
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(cors, {
    origin: ctx.config.corsOrigins,
    credentials: true,
    exposedHeaders: ['x-request-id', 'content-range', 'accept-ranges', 'content-disposition'],
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Backbeat API', version: '0.1.0', description: 'Self-hostable platform for AI-music products.' },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await registerMultipart(app);
  registerAuthentication(app, ctx);
  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      registerRoutes(api as AppInstance, ctx);
    },
    { prefix: '/api' },
  );
  return app;
}
