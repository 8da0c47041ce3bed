import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { contentDisposition, deriveStorageSigningSecret, verifyLocalSignature } from '../../../storage/index.ts';
import { OBJECT_RESPONSES, sendObject } from '../../send-object.ts';
import type { RouteModule } from '../../types.ts';

const SignedQuery = z.object({
  expires: z.string().max(20).optional(),
  signature: z.string().max(200).optional(),
  name: z.string().max(2000).optional(),
});

const getSignedObject: RouteModule = (app, ctx) => {
  const secret = deriveStorageSigningSecret(ctx.config.jwt.secret);
  app.get(
    '/storage/signed/*',
    {
      config: { publicResource: true },
      schema: {
        tags: ['storage'],
        summary: 'Download an object through a signed, expiring link (local storage driver)',
        description:
          'The link comes from the API (e.g. a song download). An expired, altered or malformed link answers ' +
          '403 `forbidden` without saying which; a valid link to an object since deleted answers 404.',
        params: z.object({ '*': z.string() }),
        querystring: SignedQuery,
        response: OBJECT_RESPONSES,
      },
    },
    async (request, reply) => {
      const key = request.params['*'];
      if (!verifyLocalSignature(key, request.query, secret)) {
        throw new AppError('forbidden', 'This link is invalid or has expired');
      }
      const fallbackName = key.slice(key.lastIndexOf('/') + 1);
      return sendObject(reply, ctx.storage, key, {
        rangeHeader: request.headers.range,
        disposition: contentDisposition(request.query.name || fallbackName),
        // Private bytes behind an expiring link: no shared cache may keep them.
        cacheControl: 'private, no-store',
      });
    },
  );
};

export default getSignedObject;
