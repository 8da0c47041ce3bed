import { z } from 'zod';
import { LyricsFailure, writeSongLyrics } from '../../../modules/generation/write-song-lyrics.ts';
import { requireUser } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';

const ProviderError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const SECTION = z.enum(['verse', 'chorus', 'bridge', 'pre-chorus', 'outro']);

const postLyrics: RouteModule = (app, ctx) => {
  app.post(
    '/lyrics',
    {
      schema: {
        tags: ['generation'],
        summary: 'Write song lyrics from a theme (built-in writer, or the configured chat model)',
        description:
          'The built-in writer is deterministic by `seed`. With LYRICS_PROVIDER_URL set, an OpenAI-compatible ' +
          'chat model writes them; its failures answer 502 `lyrics_provider_failed` or 503 `lyrics_provider_unavailable`.',
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        body: z.strictObject({
          theme: z.string().trim().min(1).max(500),
          mood: z.string().trim().min(1).max(100).optional(),
          structure: z.array(SECTION).min(1).max(12).optional(),
          seed: z.number().int().min(0).max(0xffffffff).optional(),
        }),
        response: {
          200: z.object({
            title: z.string(),
            sections: z.array(z.object({ kind: z.string(), lines: z.array(z.string()) })),
            text: z.string(),
            engine: z.string(),
          }),
          502: ProviderError,
          503: ProviderError,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      try {
        return await writeSongLyrics(ctx, user.id, request.body);
      } catch (err) {
        if (!(err instanceof LyricsFailure)) throw err;
        return reply.status(err.status).send({ error: { code: err.code, message: err.message } });
      }
    },
  );
};

export default postLyrics;
