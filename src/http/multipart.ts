// Multipart uploads for the whole app. Registered once (the plugin decorates every request), in stream
// mode: routes call `request.file({ limits: { fileSize } })` with their own limit and stream the part
// straight into storage, which enforces the limit again while writing. Nothing is buffered or spooled.
// A route that passes no limit gets the JSON body limit (the plugin's default).
import multipart from '@fastify/multipart';
import type { AppInstance } from './types.ts';

export async function registerMultipart(app: AppInstance): Promise<void> {
  await app.register(multipart, {
    limits: {
      fieldNameSize: 100,
      fieldSize: 64 * 1024,
      fields: 20,
      files: 1,
      parts: 25,
      headerPairs: 100,
    },
  });
}
