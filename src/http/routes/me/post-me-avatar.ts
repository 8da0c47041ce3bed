import { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../../../errors.ts';
import { avatarTooLarge, ProfileSchema, setAvatar } from '../../../modules/profiles/index.ts';
import { requireUser } from '../../require-user.ts';
import type { AppInstance, RouteModule } from '../../types.ts';

// Room for the multipart boundaries and part headers around the file itself.
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

function declaredLength(request: FastifyRequest): number | null {
  const value = Number(request.headers['content-length']);
  return Number.isFinite(value) ? value : null;
}

/**
 * The file part's bytes. The parser is told to stop one byte past the limit, so storage sees the
 * excess and refuses it; the truncation check is a second guard so a cut-short file is never stored.
 */
async function* filePart(part: MultipartFile, maxBytes: number): AsyncGenerator<Uint8Array> {
  for await (const chunk of part.file) yield chunk as Uint8Array;
  if (part.file.truncated) throw avatarTooLarge(maxBytes);
}

async function uploadBody(request: FastifyRequest, maxBytes: number): Promise<AsyncIterable<Uint8Array>> {
  const length = declaredLength(request);
  if (request.isMultipart()) {
    if (length !== null && length > maxBytes + MULTIPART_OVERHEAD_BYTES) throw avatarTooLarge(maxBytes);
    const part = await request.file({ limits: { fileSize: maxBytes + 1, files: 1 } });
    if (!part || part.fieldname !== 'file') throw badRequest('file', 'is required (a multipart field named "file")');
    return filePart(part, maxBytes);
  }
  if (request.body instanceof Readable) {
    if (length !== null && length > maxBytes) throw avatarTooLarge(maxBytes);
    // Stopping early must not destroy the request: that would close the socket before the 413 is sent.
    // Node discards the unread rest once the response is done.
    return request.body.iterator({ destroyOnReturn: false });
  }
  throw new AppError('unsupported_media_type', 'Send multipart/form-data with a "file" field, or an image body');
}

/**
 * A refused upload may still be arriving. Its stream was paused mid-way, and a paused socket would
 * sit open until the request timeout; reading and dropping the rest lets the client finish and read
 * the error (closing instead makes most clients report a broken pipe and never show the 413).
 */
function discardRest(request: FastifyRequest): void {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed) return;
  raw.unpipe();
  raw.resume();
}

const postMeAvatar: RouteModule = (app, ctx) => {
  // Encapsulated so the raw-image body parser applies to this route only.
  app.register(async (scope) => {
    const route = scope as AppInstance;
    // Raw image bodies reach the handler as the request stream; what they really are is decided by content.
    route.addContentTypeParser(/^image\/[\w.+-]+$/i, (_request, payload, done) => done(null, payload));
    route.post(
      '/me/avatar',
      {
        schema: {
          tags: ['profiles'],
          summary: 'Upload your avatar (PNG, JPEG, WebP or GIF)',
          description:
            'Either multipart/form-data with a `file` field, or the image itself as the body with ' +
            '`Content-Type: image/*`. The format is detected from the bytes; anything else is 415. ' +
            `Larger than the configured limit (${ctx.config.avatarMaxBytes} bytes) is 413.`,
          security: [{ bearerAuth: [] }, { apiKey: [] }],
          response: { 200: ProfileSchema },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const maxBytes = ctx.config.avatarMaxBytes;
        try {
          const body = await uploadBody(request, maxBytes);
          return await setAvatar(ctx, { userId: user.id, body, maxBytes });
        } catch (err) {
          discardRest(request);
          throw err;
        }
      },
    );
  });
};

export default postMeAvatar;
