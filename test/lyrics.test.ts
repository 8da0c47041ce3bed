// POST /api/lyrics: the built-in writer (deterministic by seed) and a chat provider whose failures
// are logged to lyric_generation_errors (without the key) and answered 502/503.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { signUp, type TestUser } from './helpers/users.ts';

let t: TestApp;
let user: TestUser;

before(async () => {
  t = await createTestApp();
  user = await signUp(t);
});
after(() => t.close());

test('the built-in writer: deterministic by seed, needs a theme and a login', async () => {
  const body = { theme: 'summer by the sea', mood: 'happy', seed: 42 };
  const a = await t.request({ method: 'POST', url: '/api/lyrics', token: user.accessToken, body });
  assert.equal(a.statusCode, 200, a.body);
  const b = await t.request({ method: 'POST', url: '/api/lyrics', token: user.accessToken, body });
  assert.equal(a.body, b.body);
  assert.equal(a.json().engine, 'builtin-lyrics-v1');
  assert.match(a.json().text, /\[Chorus\]/);
  const other = await t.request({ method: 'POST', url: '/api/lyrics', token: user.accessToken, body: { ...body, seed: 43 } });
  assert.notEqual(other.json().text, a.json().text);
  const short = await t.request({ method: 'POST', url: '/api/lyrics', token: user.accessToken, body: { theme: 'rain', structure: ['verse', 'chorus'], seed: 1 } });
  assert.deepEqual(short.json().sections.map((s: { kind: string }) => s.kind), ['verse', 'chorus']);
  const missing = await t.request({ method: 'POST', url: '/api/lyrics', token: user.accessToken, body: { mood: 'sad' } });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().error.details.field, 'theme');
  assert.equal((await t.request({ method: 'POST', url: '/api/lyrics', body })).statusCode, 401);
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

test('a chat provider: its answer is used; its failures are logged without the key and answered 502/503', async () => {
  let mode: 'ok' | 'fail' = 'ok';
  const { server, url } = await listen((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (mode === 'fail') {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"model overloaded"}');
        return;
      }
      const lyrics = { title: 'Sea Song', sections: [{ kind: 'verse', lines: ['the tide is high', 'and so am I'] }, { kind: 'chorus', lines: ['sea sea sea'] }] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ choices: [{ message: { role: 'assistant', content: JSON.stringify(lyrics) } }] }),
      );
    });
  });
  const secret = 'sk-test-secret-never-logged';
  const app = await createTestApp({ env: { LYRICS_PROVIDER_URL: url, LYRICS_PROVIDER_MODEL: 'stand-in', LYRICS_PROVIDER_API_KEY: secret, LYRICS_PROVIDER_TIMEOUT_MS: '2000' } });
  try {
    const me = await signUp(app);
    const ok = await app.request({ method: 'POST', url: '/api/lyrics', token: me.accessToken, body: { theme: 'the sea' } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().engine, 'chat:stand-in');
    mode = 'fail';
    const failed = await app.request({ method: 'POST', url: '/api/lyrics', token: me.accessToken, body: { theme: 'the sea', mood: 'sad' } });
    assert.equal(failed.statusCode, 502, failed.body);
    assert.equal(failed.json().error.code, 'lyrics_provider_failed');
    assert.ok(!failed.body.includes(secret));
    const rows = await app.ctx.database.db.selectFrom('lyric_generation_errors').selectAll().where('user_id', '=', me.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].engine, 'chat:stand-in');
    assert.equal((rows[0].request as { theme: string }).theme, 'the sea');
    assert.ok(!JSON.stringify(rows[0]).includes(secret));
    // Unreachable: 503.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const down = await app.request({ method: 'POST', url: '/api/lyrics', token: me.accessToken, body: { theme: 'the sea' } });
    assert.equal(down.statusCode, 503, down.body);
    assert.equal(down.json().error.code, 'lyrics_provider_unavailable');
    const count = await app.ctx.database.db.selectFrom('lyric_generation_errors').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 2);
  } finally {
    server.close();
    await app.close();
  }
});
