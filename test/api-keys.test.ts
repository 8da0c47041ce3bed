// API keys: shown once, stored as hash + prefix, listed without secrets, owner-only revocation.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let alice: { token: string; id: string };
let bob: { token: string; id: string };

async function signup(email: string) {
  const res = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email, password: 'long enough pass' } });
  assert.equal(res.statusCode, 201, res.body);
  return { token: res.json().accessToken as string, id: res.json().user.id as string };
}

async function createKey(token: string, name: string) {
  const res = await t.request({ method: 'POST', url: '/api/api-keys', token, body: { name } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; name: string; prefix: string; key: string };
}

before(async () => {
  t = await createTestApp({ env: { REQUIRE_EMAIL_CONFIRMATION: 'false' } });
  alice = await signup('alice@example.test');
  bob = await signup('bob@example.test');
});
after(async () => {
  await t?.close();
});

describe('api keys', () => {
  it('creates a key, authenticates with it, lists it without secrets, revokes it', async () => {
    const created = await createKey(alice.token, 'CI upload');
    assert.match(created.key, /^bb_live_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.key.slice(8, 16), created.prefix);

    const row = await t.ctx.database.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.notEqual(row.key_hash, created.key);
    assert.equal(row.key_hash.length, 64, 'SHA-256 hex');
    assert.equal(row.last_used_at, null);

    const me = await t.request({ method: 'GET', url: '/api/auth/session', apiKey: created.key });
    assert.equal(me.statusCode, 200, me.body);
    assert.deepEqual(me.json().user, { id: alice.id, email: 'alice@example.test', role: 'user', via: 'api_key' });
    const touched = await t.ctx.database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.ok(touched.last_used_at);
    await t.request({ method: 'GET', url: '/api/auth/session', apiKey: created.key });
    const again = await t.ctx.database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.equal(again.last_used_at?.getTime(), touched.last_used_at.getTime(), 'not rewritten within a minute');

    const list = await t.request({ method: 'GET', url: '/api/api-keys', apiKey: created.key });
    assert.equal(list.statusCode, 200);
    const item = list.json().items.find((i: any) => i.id === created.id);
    assert.deepEqual(Object.keys(item).sort(), ['createdAt', 'id', 'lastUsedAt', 'name', 'prefix']);
    assert.equal(list.body.includes(created.key.slice(17)), false, 'no secret in the list');
    assert.equal(list.body.includes(row.key_hash), false, 'no hash in the list');

    const revoke = await t.request({ method: 'DELETE', url: `/api/api-keys/${created.id}`, token: alice.token });
    assert.equal(revoke.statusCode, 204);
    const refused = await t.request({ method: 'GET', url: '/api/auth/session', apiKey: created.key });
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().error.code, 'unauthorized');
    const listed = (await t.request({ method: 'GET', url: '/api/api-keys', token: alice.token })).json();
    assert.equal(listed.items.some((i: any) => i.id === created.id), false);
  });

  it("gives 404 for someone else's key, an unknown id and a malformed id — with a JWT and with a key", async () => {
    const key = await createKey(alice.token, 'alice key');
    const bobKey = await createKey(bob.token, 'bob key');
    for (const credentials of [{ token: bob.token }, { apiKey: bobKey.key }]) {
      const res = await t.request({ method: 'DELETE', url: `/api/api-keys/${key.id}`, ...credentials });
      assert.equal(res.statusCode, 404, res.body);
      assert.equal(res.json().error.code, 'not_found');
    }
    assert.equal((await t.request({ method: 'GET', url: '/api/auth/session', apiKey: key.key })).statusCode, 200, 'still valid');
    assert.equal((await t.request({ method: 'DELETE', url: `/api/api-keys/${crypto.randomUUID()}`, token: alice.token })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: '/api/api-keys/not-a-uuid', token: alice.token })).statusCode, 404);
    const bobList = (await t.request({ method: 'GET', url: '/api/api-keys', token: bob.token })).json();
    assert.deepEqual(bobList.items.map((i: any) => i.id), [bobKey.id]);
  });

  it('paginates newest first with a cursor', async () => {
    const carol = await signup('carol@example.test');
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three']) ids.push((await createKey(carol.token, name)).id);
    const page1 = (await t.request({ method: 'GET', url: '/api/api-keys?limit=2', token: carol.token })).json();
    assert.deepEqual(page1.items.map((i: any) => i.name), ['three', 'two']);
    assert.ok(page1.nextCursor);
    const page2 = (await t.request({ method: 'GET', url: `/api/api-keys?limit=2&cursor=${page1.nextCursor}`, token: carol.token })).json();
    assert.deepEqual(page2.items.map((i: any) => i.name), ['one']);
    assert.equal(page2.nextCursor, null);
    const bad = await t.request({ method: 'GET', url: '/api/api-keys?cursor=garbage', token: carol.token });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details.field, 'cursor');
  });

  it('pages through keys created within the same millisecond without skipping any', async () => {
    const dave = await signup('dave@example.test');
    for (const [i, name] of ['a', 'b', 'c', 'd'].entries()) {
      await sql`INSERT INTO api_keys (user_id, name, prefix, key_hash, created_at)
        VALUES (${dave.id}, ${name}, ${`p${i}`}, ${`hash-${dave.id}-${i}`},
                '2030-01-01T00:00:00.500000Z'::timestamptz + ${`${(i + 1) * 100} microseconds`}::interval)`.execute(
        t.ctx.database.db,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/api-keys?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.request({ method: 'GET', url, token: dave.token })).json();
      seen.push(...page.items.map((i: any) => i.name));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ['d', 'c', 'b', 'a']);
  });

  it('refuses anonymous callers, malformed keys and bad names', async () => {
    assert.equal((await t.request({ method: 'GET', url: '/api/api-keys' })).statusCode, 401);
    assert.equal((await t.request({ method: 'POST', url: '/api/api-keys', body: { name: 'x' } })).statusCode, 401);
    for (const apiKey of ['garbage', `bb_live_00000000_${'A'.repeat(43)}`]) {
      assert.equal((await t.request({ method: 'GET', url: '/api/auth/session', apiKey })).statusCode, 401, apiKey);
    }
    for (const name of ['', 'x'.repeat(101)]) {
      const res = await t.request({ method: 'POST', url: '/api/api-keys', token: alice.token, body: { name } });
      assert.equal(res.statusCode, 400, name);
    }
    const extra = await t.request({ method: 'POST', url: '/api/api-keys', token: alice.token, body: { name: 'ok', userId: bob.id } });
    assert.equal(extra.statusCode, 400, 'unknown fields (a user id) are refused, not honoured');
  });
});
