import { z } from 'zod';
import { getSharedAudioKey } from '../../../modules/social/index.ts';
import { OBJECT_RESPONSES, sendObject } from '../../send-object.ts';
import type { RouteModule } from '../../types.ts';
import { SlugParams } from './get-share.ts';

const AudioQuery = z.strictObject({ variation: z.coerce.number().int().min(0).max(2).default(0) });

const getShareAudio: RouteModule = (app, ctx) => {
  app.get(
    '/share/:slug/audio',
    {
      config: { publicResource: true },
      schema: {
        tags: ['social'],
        summary: 'Stream one take of a shared song (Range supported, no sign-in)',
        params: SlugParams,
        querystring: AudioQuery,
        response: OBJECT_RESPONSES,
      },
    },
    async (request, reply) => {
      const key = await getSharedAudioKey(ctx, { slug: request.params.slug, position: request.query.variation });
      // The song may be private: only the link holder's own cache may keep it.
      return sendObject(reply, ctx.storage, key, { rangeHeader: request.headers.range, cacheControl: 'private, no-cache' });
    },
  );
};

export default getShareAudio;
