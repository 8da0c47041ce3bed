// Lyrics from any OpenAI-compatible chat endpoint (POST {baseUrl}/chat/completions). The model
// is asked for JSON; the reply is validated and reshaped into the built-in writer's result.
// Errors carry the HTTP status and a short excerpt of the body, never the API key.
import { lyricsText } from './format.ts';
import { DEFAULT_STRUCTURE, type LyricsRequest, type LyricsResult } from './types.ts';

export interface ChatLyricsOptions {
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Default 60 s: generation can be slow, but a hung connection must not hold a job forever. */
  timeoutMs?: number;
}

export type LyricsProviderErrorCode = 'provider_http_error' | 'provider_timeout' | 'provider_unreachable' | 'provider_bad_reply';

export class LyricsProviderError extends Error {
  constructor(
    readonly code: LyricsProviderErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LyricsProviderError';
  }
}

export interface ChatLyricsWriter {
  writeLyrics(request: LyricsRequest): Promise<LyricsResult>;
}

const EXCERPT_CHARS = 200;

function excerpt(text: string, secret?: string): string {
  const clean = secret ? text.split(secret).join('[redacted]') : text;
  const flat = clean.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

function buildMessages(request: LyricsRequest): { role: string; content: string }[] {
  const structure = request.structure && request.structure.length > 0 ? request.structure : DEFAULT_STRUCTURE;
  return [
    {
      role: 'system',
      content:
        'You write song lyrics. Answer with one JSON object only, no prose: ' +
        '{"title": string, "sections": [{"kind": "verse"|"chorus"|"bridge"|"pre-chorus"|"outro", "lines": string[]}]}. ' +
        'Follow the requested section order exactly; repeat the chorus word for word; rhyme line ends; keep lines of similar length.',
    },
    {
      role: 'user',
      content: JSON.stringify({ theme: request.theme, mood: request.mood ?? null, structure, language: request.language ?? 'en' }),
    },
  ];
}

/** Models sometimes wrap JSON in a Markdown fence despite being told not to. */
function stripFence(content: string): string {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(content);
  return fenced ? fenced[1] : content;
}

function parseReply(body: unknown, model: string): LyricsResult {
  const content = (body as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new LyricsProviderError('provider_bad_reply', 'reply has no choices[0].message.content');
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripFence(content));
  } catch {
    throw new LyricsProviderError('provider_bad_reply', `model content is not JSON: ${excerpt(content)}`);
  }
  const candidate = parsed as { title?: unknown; sections?: unknown };
  if (!Array.isArray(candidate.sections) || candidate.sections.length === 0) {
    throw new LyricsProviderError('provider_bad_reply', 'model JSON has no sections array');
  }
  const sections = candidate.sections.map((section, i) => {
    const s = section as { kind?: unknown; lines?: unknown };
    if (typeof s.kind !== 'string' || !Array.isArray(s.lines) || !s.lines.every((l) => typeof l === 'string')) {
      throw new LyricsProviderError('provider_bad_reply', `section ${i} needs a string kind and string lines`);
    }
    return { kind: s.kind.toLowerCase(), lines: (s.lines as string[]).map((l) => l.trim()).filter((l) => l.length > 0) };
  });
  const title = typeof candidate.title === 'string' && candidate.title.trim() ? candidate.title.trim() : 'Untitled';
  return { title, sections, text: lyricsText(sections), engine: `chat:${model}` };
}

export function createChatLyricsWriter(options: ChatLyricsOptions): ChatLyricsWriter {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const timeoutMs = options.timeoutMs ?? 60_000;
  return {
    async writeLyrics(request) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            model: options.model,
            messages: buildMessages(request),
            response_format: { type: 'json_object' },
            temperature: 0.9,
            ...(request.seed !== undefined ? { seed: request.seed } : {}),
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const name = (err as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw new LyricsProviderError('provider_timeout', `lyrics provider did not answer within ${timeoutMs} ms`);
        }
        throw new LyricsProviderError('provider_unreachable', `lyrics provider unreachable: ${excerpt((err as Error).message, options.apiKey)}`);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (err) {
        const name = (err as Error).name;
        const code = name === 'TimeoutError' || name === 'AbortError' ? 'provider_timeout' : 'provider_unreachable';
        throw new LyricsProviderError(code, `lyrics provider reply was cut off: ${(err as Error).message}`, response.status);
      }
      if (!response.ok) {
        throw new LyricsProviderError('provider_http_error', `lyrics provider answered ${response.status}: ${excerpt(text, options.apiKey)}`, response.status);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new LyricsProviderError('provider_bad_reply', `lyrics provider reply is not JSON: ${excerpt(text, options.apiKey)}`, response.status);
      }
      return parseReply(body, options.model);
    },
  };
}
