import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createChatLyricsWriter, LyricsProviderError } from './chat-lyrics-writer.ts';

const API_KEY = 'sk-test-secret-1234';
const GOOD = {
  title: 'Neon Rain',
  sections: [
    { kind: 'verse', lines: ['Walking down the street', 'Rhythm in my feet'] },
    { kind: 'Chorus', lines: ['Neon rain', 'Falling again'] },
  ],
};

interface Seen {
  path: string;
  auth: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; response_format: unknown };
}
const seen: Seen[] = [];
let server: Server;
let baseUrl: string;

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function completion(content: string): unknown {
  return { id: 'chatcmpl-1', object: 'chat.completion', model: 'test-model', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
}

/** Behaves like the OpenAI API; the model name picks the scenario. */
async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  const body = JSON.parse(raw) as Seen['body'];
  seen.push({ path: req.url ?? '', auth: req.headers.authorization, body });
  switch (body.model) {
    case 'good': return reply(res, 200, completion(JSON.stringify(GOOD)));
    case 'fenced': return reply(res, 200, completion('```json\n' + JSON.stringify(GOOD) + '\n```'));
    case 'prose': return reply(res, 200, completion('Sure! Here are some lyrics about rain...'));
    case 'no-sections': return reply(res, 200, completion('{"title":"x"}'));
    case 'not-json': return reply(res, 200, '<html>gateway</html>');
    case 'unauthorized': return reply(res, 401, { error: { message: `Incorrect API key provided: ${API_KEY}`, type: 'invalid_request_error' } });
    case 'slow':
      setTimeout(() => reply(res, 200, completion(JSON.stringify(GOOD))), 800);
      return;
    default: return reply(res, 404, { error: { message: 'model not found' } });
  }
}

before(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('posts a JSON-output chat request and parses a good reply', async () => {
  const writer = createChatLyricsWriter({ baseUrl: `${baseUrl}/`, apiKey: API_KEY, model: 'good' });
  const result = await writer.writeLyrics({ theme: 'neon rain', mood: 'dark', structure: ['verse', 'chorus'] });
  assert.equal(result.title, 'Neon Rain');
  assert.equal(result.engine, 'chat:good');
  assert.deepEqual(result.sections, [
    { kind: 'verse', lines: ['Walking down the street', 'Rhythm in my feet'] },
    { kind: 'chorus', lines: ['Neon rain', 'Falling again'] },
  ]);
  assert.equal(result.text, '[Verse 1]\nWalking down the street\nRhythm in my feet\n\n[Chorus]\nNeon rain\nFalling again\n');
  const request = seen.at(-1)!;
  assert.equal(request.path, '/v1/chat/completions');
  assert.equal(request.auth, `Bearer ${API_KEY}`);
  assert.deepEqual(request.body.response_format, { type: 'json_object' });
  assert.ok(request.body.messages.some((m) => m.content.includes('neon rain')));
});

test('accepts JSON wrapped in a Markdown fence', async () => {
  const result = await createChatLyricsWriter({ baseUrl, model: 'fenced' }).writeLyrics({ theme: 'x' });
  assert.equal(result.sections.length, 2);
  assert.equal(seen.at(-1)!.auth, undefined, 'no Authorization header without a key');
});

test('malformed replies fail with provider_bad_reply and an excerpt', async () => {
  for (const model of ['prose', 'no-sections', 'not-json']) {
    await assert.rejects(
      createChatLyricsWriter({ baseUrl, model }).writeLyrics({ theme: 'x' }),
      (err: unknown) => err instanceof LyricsProviderError && err.code === 'provider_bad_reply',
      model,
    );
  }
  await assert.rejects(createChatLyricsWriter({ baseUrl, model: 'prose' }).writeLyrics({ theme: 'x' }), /Sure! Here are some lyrics/);
});

test('HTTP errors carry the status and a body excerpt without the key', async () => {
  const err = await createChatLyricsWriter({ baseUrl, apiKey: API_KEY, model: 'unauthorized' })
    .writeLyrics({ theme: 'x' })
    .then(() => null, (e: unknown) => e);
  assert.ok(err instanceof LyricsProviderError);
  assert.equal(err.code, 'provider_http_error');
  assert.equal(err.status, 401);
  assert.match(err.message, /401: .*Incorrect API key provided/);
  assert.ok(!err.message.includes(API_KEY), err.message);
});

test('a slow provider times out, an unreachable one fails clearly', async () => {
  await assert.rejects(
    createChatLyricsWriter({ baseUrl, model: 'slow', timeoutMs: 150 }).writeLyrics({ theme: 'x' }),
    (err: unknown) => err instanceof LyricsProviderError && err.code === 'provider_timeout',
  );
  await assert.rejects(
    createChatLyricsWriter({ baseUrl: 'http://127.0.0.1:9', model: 'good', timeoutMs: 2000 }).writeLyrics({ theme: 'x' }),
    (err: unknown) => err instanceof LyricsProviderError && err.code === 'provider_unreachable',
  );
});
