import { z } from 'zod';
import { notFound } from '../../../errors.ts';
import { bucketOfKey } from '../../../storage/index.ts';
import { OBJECT_RESPONSES, sendObject } from '../../send-object.ts';
import type { RouteModule } from '../../types.ts';

// Only buckets whose every object is meant to be seen by anyone. Songs in `music` are public or not
// per song, so they are served through signed URLs or their own routes, never from here.
const PUBLIC_BUCKETS = new Set(['avatars']);

// Keys are never reused, so a copy can be kept; a day bounds how long a removed avatar lingers in caches.
const CACHE_CONTROL = 'public, max-age=86400, immutable';

const getPublicObject: RouteModule = (app, ctx) => {
  app.get(
    '/storage/public/*',
    {
      config: { publicResource: true },
      schema: {
        tags: ['storage'],
        summary: 'Download a public object (avatars), with Range support',
        params: z.object({ '*': z.string() }),
        response: OBJECT_RESPONSES,
      },
    },
    async (request, reply) => {
      const key = request.params['*'];
      const bucket = bucketOfKey(key);
      if (!bucket || !PUBLIC_BUCKETS.has(bucket)) throw notFound('Object');
      return sendObject(reply, ctx.storage, key, {
        rangeHeader: request.headers.range,
        cacheControl: CACHE_CONTROL,
      });
    },
  );
};

export default getPublicObject;
