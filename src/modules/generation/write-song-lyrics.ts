// Lyrics for a song: the built-in writer, or an OpenAI-compatible chat model when
// LYRICS_PROVIDER_URL is set. A provider failure is recorded (with the request, never the key) and
// reported as 502 (the provider answered badly) or 503 (it could not be reached in time).
import type { AppContext } from '../../app-context.ts';
import { createChatLyricsWriter, LyricsProviderError, writeLyrics, type LyricsRequest, type LyricsResult } from '../../engines/lyrics/index.ts';

export class LyricsFailure extends Error {
  constructor(
    readonly status: 502 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LyricsFailure';
  }
}

export async function writeSongLyrics(ctx: Pick<AppContext, 'database' | 'config' | 'log'>, userId: string | null, request: LyricsRequest): Promise<LyricsResult> {
  const provider = ctx.config.generation.lyricsProvider;
  if (!provider.url) return writeLyrics(request);
  const engine = `chat:${provider.model}`;
  try {
    const writer = createChatLyricsWriter({ baseUrl: provider.url, apiKey: provider.apiKey, model: provider.model, timeoutMs: provider.timeoutMs });
    return await writer.writeLyrics(request);
  } catch (err) {
    const code = err instanceof LyricsProviderError ? err.code : 'provider_error';
    let message = err instanceof Error ? err.message : String(err);
    if (provider.apiKey) message = message.split(provider.apiKey).join('[redacted]');
    await ctx.database.db
      .insertInto('lyric_generation_errors')
      .values({
        user_id: userId,
        engine,
        request: JSON.stringify({ ...request, provider: { url: provider.url, model: provider.model }, code, status: (err as LyricsProviderError).status ?? null }),
        error: message.slice(0, 2000),
      })
      .execute()
      .catch((e: unknown) => ctx.log.error({ err: e }, 'could not record a lyric generation error'));
    const unavailable = code === 'provider_timeout' || code === 'provider_unreachable';
    throw new LyricsFailure(
      unavailable ? 503 : 502,
      unavailable ? 'lyrics_provider_unavailable' : 'lyrics_provider_failed',
      unavailable ? 'The lyrics provider could not be reached in time; try again later' : `The lyrics provider failed: ${message.slice(0, 300)}`,
    );
  }
}
