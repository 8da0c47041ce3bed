import { z } from 'zod';
import { getSongAudioKey } from '../../../modules/library/index.ts';
import { OBJECT_RESPONSES, sendObject } from '../../send-object.ts';
import type { RouteModule } from '../../types.ts';
import { OPTIONAL_AUTH, SongIdParams } from './schemas.ts';

const AudioQuery = z.strictObject({ variation: z.coerce.number().int().min(0).max(2).default(0) });

const getSongAudio: RouteModule = (app, ctx) => {
  app.get(
    '/songs/:id/audio',
    {
      // Public songs are heard by anyone; the sweep's intruder meets a private one, which is 404.
      config: { ownedResource: 'song' },
      schema: {
        tags: ['library'],
        summary: "Stream one take of a song (Range supported): a public song for anyone, a private one for its owner",
        security: OPTIONAL_AUTH,
        params: SongIdParams,
        querystring: AudioQuery,
        response: OBJECT_RESPONSES,
      },
    },
    async (request, reply) => {
      const { key, isPublic } = await getSongAudioKey(ctx, {
        songId: request.params.id,
        userId: request.user?.id ?? null,
        position: request.query.variation,
      });
      return sendObject(reply, ctx.storage, key, {
        rangeHeader: request.headers.range,
        // Revalidated on every use (the ETag makes that cheap): a song turned private must stop playing
        // from caches, and a private one must never sit in a shared cache.
        cacheControl: isPublic ? 'public, no-cache' : 'private, no-cache',
      });
    },
  );
};

export default getSongAudio;
