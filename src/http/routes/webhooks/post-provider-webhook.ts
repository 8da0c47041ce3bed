// Where music providers post their results. No user auth: each delivery is verified by its
// provider's scheme (docs/providers.md) against the raw bytes, which this route's scope keeps —
// parsing JSON first would lose them. 409 asks the provider to retry an event that arrived before
// the ids of its takes were stored.
import { z } from 'zod';
import { receiveProviderWebhook } from '../../../modules/generation/providers/receive-provider-webhook.ts';
import type { AppInstance, RouteModule } from '../../types.ts';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) });

const postProviderWebhook: RouteModule = (app, ctx) => {
  // An encapsulated scope: its content-type parser (every type → the raw Buffer) applies to this
  // route only; the rest of the API keeps its JSON parser.
  void app.register(async (scope: AppInstance) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post(
      '/webhooks/providers/:provider',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Receive a music provider result (verified per provider; idempotent)',
          params: z.object({ provider: z.string().regex(/^[a-z0-9-]{1,32}$/) }),
          response: {
            200: z.object({ received: z.literal(true), duplicate: z.boolean() }),
            400: ErrorBody,
            404: ErrorBody,
            409: ErrorBody,
          },
        },
      },
      async (request) => {
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const receipt = await receiveProviderWebhook(ctx, request.params.provider, {
          headers: request.headers,
          query: (request.query ?? {}) as Record<string, unknown>,
          rawBody,
        });
        return { received: true as const, duplicate: receipt.duplicate };
      },
    );
  });
};

export default postProviderWebhook;
