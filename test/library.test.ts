// The song library over HTTP: listing, search, filters and pagination of your own songs; reading,
// renaming, publishing and deleting one (with its stored files); streaming its audio; its lineage.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { createTestSong } from './helpers/songs.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { createApiKey, signUp, type TestUser } from './helpers/users.ts';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;

before(async () => {
  t = await createTestApp();
  alice = await signUp(t);
  bob = await signUp(t);
});
after(() => t.close());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

test('lists your songs newest first with their takes, paginated, and nobody else sees them', async () => {
  const user = await signUp(t);
  const ids: string[] = [];
  // The same instant for three of them: the cursor must not skip rows that share a timestamp.
  const same = minutesAgo(30);
  for (let i = 0; i < 5; i++) {
    ids.push((await createTestSong(t, user.id, { title: `Song ${i}`, createdAt: i < 3 ? same : minutesAgo(20 - i) })).id);
  }
  await createTestSong(t, bob.id, { title: 'Not yours' });

  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/songs?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await t.request({ method: 'GET', url, token: user.accessToken });
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json();
    assert.ok(page.items.length <= 2);
    seen.push(...page.items.map((s: { id: string }) => s.id));
    cursor = page.nextCursor;
  } while (cursor);
  assert.equal(seen.length, 5);
  assert.equal(new Set(seen).size, 5);
  assert.deepEqual(seen.slice(0, 2), [ids[4], ids[3]]);

  const first = (await t.request({ method: 'GET', url: '/api/songs?limit=1', token: user.accessToken })).json().items[0];
  assert.equal(first.variations.length, 2);
  assert.deepEqual(first.variations.map((v: { position: number }) => v.position), [0, 1]);
  assert.match(first.variations[1].audioUrl, new RegExp(`/api/songs/${first.id}/audio\\?variation=1$`));
  assert.equal(first.variations[0].status, 'completed');
  assert.equal(first.variations[0].durationSeconds, 0.25);
  assert.equal('userId' in first || 'user_id' in first, false);

  const bad = await t.request({ method: 'GET', url: '/api/songs?cursor=nonsense', token: user.accessToken });
  assert.equal(bad.statusCode, 400);
  assert.equal((await t.request({ method: 'GET', url: '/api/songs' })).statusCode, 401);
});

test('search and filters: q over title and prompt, status, task, visibility, favorite, parentId', async () => {
  const user = await signUp(t);
  const parent = await createTestSong(t, user.id, { title: 'Sunrise Anthem', prompt: 'epic orchestral', visibility: 'public' });
  await createTestSong(t, user.id, { title: 'Night drive', prompt: 'dark SYNTHWAVE at 100% speed', isFavorite: true });
  const child = await createTestSong(t, user.id, { title: 'Sunrise (remix)', prompt: 'lofi', task: 'remix', parentId: parent.id });
  await createTestSong(t, user.id, { title: 'Broken', status: 'failed' });
  const list = async (query: string) => {
    const res = await t.request({ method: 'GET', url: `/api/songs?${query}`, token: user.accessToken });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items.map((s: { title: string }) => s.title).sort();
  };
  assert.deepEqual(await list('q=sunrise'), ['Sunrise (remix)', 'Sunrise Anthem']);
  assert.deepEqual(await list('q=synthwave'), ['Night drive']);
  assert.deepEqual(await list('q=100%25'), ['Night drive']);
  assert.deepEqual(await list('q=%25'), ['Night drive']);
  assert.deepEqual(await list('status=failed'), ['Broken']);
  assert.deepEqual(await list('task=remix'), ['Sunrise (remix)']);
  assert.deepEqual(await list('visibility=public'), ['Sunrise Anthem']);
  assert.deepEqual(await list('favorite=true'), ['Night drive']);
  assert.equal((await list('favorite=false')).length, 3);
  assert.deepEqual(await list(`parentId=${parent.id}`), ['Sunrise (remix)']);
  assert.deepEqual(await list('q=sunrise&task=text2music'), ['Sunrise Anthem']);
  const failed = (await t.request({ method: 'GET', url: '/api/songs?status=failed', token: user.accessToken })).json().items[0];
  assert.equal(failed.variations[0].audioUrl, null);
  const unknown = await t.request({ method: 'GET', url: '/api/songs?color=red', token: user.accessToken });
  assert.equal(unknown.statusCode, 400);
  const badStatus = await t.request({ method: 'GET', url: '/api/songs?status=done', token: user.accessToken });
  assert.equal(badStatus.statusCode, 400);
  assert.equal(badStatus.json().error.details.field, 'status');
  assert.ok(child.id);
});

test('get, patch and the public view: owner sees everything, others only public fields, private is 404', async () => {
  const song = await createTestSong(t, alice.id, { title: 'Mine', prompt: 'secret prompt' });
  const url = `/api/songs/${song.id}`;
  const own = await t.request({ method: 'GET', url, token: alice.accessToken });
  assert.equal(own.statusCode, 200, own.body);
  assert.equal(own.json().isOwner, true);
  assert.equal(own.json().prompt, 'secret prompt');
  assert.equal(own.json().visibility, 'private');

  assert.equal((await t.request({ method: 'GET', url, token: bob.accessToken })).statusCode, 404);
  assert.equal((await t.request({ method: 'GET', url })).statusCode, 401);
  assert.equal((await t.request({ method: 'GET', url: '/api/songs/not-a-uuid', token: bob.accessToken })).statusCode, 404);

  const patched = await t.request({ method: 'PATCH', url, token: alice.accessToken, body: { title: '  Renamed ', visibility: 'public' } });
  assert.equal(patched.statusCode, 200, patched.body);
  assert.equal(patched.json().title, 'Renamed');
  assert.equal(patched.json().visibility, 'public');

  const theirs = await t.request({ method: 'GET', url, token: bob.accessToken });
  assert.equal(theirs.statusCode, 200, theirs.body);
  const view = theirs.json();
  assert.equal(view.isOwner, false);
  assert.equal(view.title, 'Renamed');
  for (const field of ['prompt', 'visibility', 'isFavorite', 'shareSlug', 'parentId', 'error', 'userId', 'email']) {
    assert.equal(field in view, false, `${field} must not be shown to others`);
  }
  assert.deepEqual(Object.keys(view.owner).sort(), ['displayName', 'username']);
  const anonymous = await t.request({ method: 'GET', url });
  assert.equal(anonymous.statusCode, 200);
  assert.equal(JSON.stringify(anonymous.json()).includes(alice.email), false);

  const byKey = await t.request({ method: 'PATCH', url, apiKey: await createApiKey(t, bob), body: { title: 'Hijacked' } });
  assert.equal(byKey.statusCode, 404);
  const extra = await t.request({ method: 'PATCH', url, token: alice.accessToken, body: { likeCount: 1000 } });
  assert.equal(extra.statusCode, 400);
  assert.equal(extra.json().error.details.field, 'likeCount');
  const badVisibility = await t.request({ method: 'PATCH', url, token: alice.accessToken, body: { visibility: 'friends' } });
  assert.equal(badVisibility.statusCode, 400);

  const variations = await t.request({ method: 'GET', url: `${url}/variations`, token: bob.accessToken });
  assert.equal(variations.statusCode, 200, variations.body);
  assert.equal(variations.json().items[0].lrc, '[00:00.00] la la');
  assert.equal('audio_key' in variations.json().items[0] || 'audioKey' in variations.json().items[0], false);
});

test('delete removes the song, its takes and its stored files; children stay with parentId null', async () => {
  const song = await createTestSong(t, alice.id);
  const child = await createTestSong(t, alice.id, { task: 'extend', parentId: song.id });
  for (const key of [...song.audioKeys, ...song.sidecarKeys]) assert.ok(await t.ctx.storage.head(key), key);

  assert.equal((await t.request({ method: 'DELETE', url: `/api/songs/${song.id}`, token: bob.accessToken })).statusCode, 404);
  const res = await t.request({ method: 'DELETE', url: `/api/songs/${song.id}`, token: alice.accessToken });
  assert.equal(res.statusCode, 204, res.body);
  for (const key of [...song.audioKeys, ...song.sidecarKeys]) assert.equal(await t.ctx.storage.head(key), null, key);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM song_variations WHERE song_id = ${song.id}`.execute(
    t.ctx.database.db,
  );
  assert.equal(rows[0].n, 0);
  assert.equal((await t.request({ method: 'GET', url: `/api/songs/${song.id}`, token: alice.accessToken })).statusCode, 404);
  const kept = await t.request({ method: 'GET', url: `/api/songs/${child.id}`, token: alice.accessToken });
  assert.equal(kept.statusCode, 200);
  assert.equal(kept.json().parentId, null);
  assert.ok(await t.ctx.storage.head(child.audioKeys[0]));
  assert.equal((await t.request({ method: 'DELETE', url: `/api/songs/${song.id}`, token: alice.accessToken })).statusCode, 404);

  const running = await createTestSong(t, alice.id, { status: 'generating' });
  const refused = await t.request({ method: 'DELETE', url: `/api/songs/${running.id}`, token: alice.accessToken });
  assert.equal(refused.statusCode, 409);
});

test('audio: the owner streams whole and ranged; a public song plays anonymously; a private one is 404 to others', async () => {
  const song = await createTestSong(t, alice.id);
  const url = `/api/songs/${song.id}/audio`;
  const whole = await t.request({ method: 'GET', url, token: alice.accessToken });
  assert.equal(whole.statusCode, 200, whole.body);
  assert.equal(whole.headers['content-type'], 'audio/wav');
  assert.equal(whole.headers['accept-ranges'], 'bytes');
  assert.equal(whole.rawPayload.subarray(0, 4).toString('latin1'), 'RIFF');
  const size = whole.rawPayload.length;
  assert.ok(size > 4000);

  const ranged = await t.request({ method: 'GET', url: `${url}?variation=1`, token: alice.accessToken, headers: { range: 'bytes=0-99' } });
  assert.equal(ranged.statusCode, 206);
  assert.equal(ranged.headers['content-range'], `bytes 0-99/${size}`);
  assert.equal(ranged.rawPayload.length, 100);
  const tail = await t.request({ method: 'GET', url, token: alice.accessToken, headers: { range: 'bytes=-10' } });
  assert.equal(tail.statusCode, 206);
  assert.deepEqual(tail.rawPayload, whole.rawPayload.subarray(size - 10));
  const past = await t.request({ method: 'GET', url, token: alice.accessToken, headers: { range: `bytes=${size}-` } });
  assert.equal(past.statusCode, 416);

  assert.equal((await t.request({ method: 'GET', url, token: bob.accessToken })).statusCode, 404);
  assert.equal((await t.request({ method: 'GET', url })).statusCode, 401);
  assert.equal((await t.request({ method: 'GET', url: `${url}?variation=2`, token: alice.accessToken })).statusCode, 404);
  assert.equal((await t.request({ method: 'GET', url: `${url}?variation=9`, token: alice.accessToken })).statusCode, 400);

  await t.request({ method: 'PATCH', url: `/api/songs/${song.id}`, token: alice.accessToken, body: { visibility: 'public' } });
  const anonymous = await t.request({ method: 'GET', url, headers: { range: 'bytes=0-3' } });
  assert.equal(anonymous.statusCode, 206);
  assert.equal(anonymous.rawPayload.toString('latin1'), 'RIFF');
  assert.equal((await t.request({ method: 'GET', url, token: bob.accessToken })).statusCode, 200);

  // A public song still being generated is not shown to others.
  const pending = await createTestSong(t, alice.id, { status: 'generating', visibility: 'public' });
  assert.equal((await t.request({ method: 'GET', url: `/api/songs/${pending.id}/audio`, token: bob.accessToken })).statusCode, 404);
});

test('lineage: ancestors oldest first, descendants with depth, hidden songs left out', async () => {
  const a = await createTestSong(t, alice.id, { title: 'A', visibility: 'public', createdAt: minutesAgo(10) });
  const b = await createTestSong(t, alice.id, { title: 'B', task: 'remix', parentId: a.id, visibility: 'public', createdAt: minutesAgo(9) });
  const c = await createTestSong(t, alice.id, { title: 'C', task: 'extend', parentId: b.id, visibility: 'public', createdAt: minutesAgo(8) });
  const sibling = await createTestSong(t, alice.id, { title: 'B2', task: 'retake', parentId: a.id, createdAt: minutesAgo(7) });
  // Someone else's public remix of B shows to everyone; their private one to nobody else.
  const bobs = await createTestSong(t, bob.id, { title: 'Bob remix', task: 'remix', parentId: b.id, visibility: 'public' });
  await createTestSong(t, bob.id, { title: 'Bob secret', task: 'remix', parentId: c.id });

  const lineage = async (id: string, token?: string) => {
    const res = await t.request({ method: 'GET', url: `/api/songs/${id}/lineage`, token });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const ofC = await lineage(c.id, alice.accessToken);
  assert.deepEqual(ofC.ancestors.map((n: { title: string; depth: number }) => [n.title, n.depth]), [['A', 2], ['B', 1]]);
  assert.deepEqual(ofC.descendants, []);

  const ofA = await lineage(a.id, alice.accessToken);
  assert.deepEqual(ofA.ancestors, []);
  assert.deepEqual(
    ofA.descendants.map((n: { title: string; depth: number; parentId: string }) => [n.title, n.depth, n.parentId]),
    [['B2', 1, a.id], ['B', 1, a.id], ['Bob remix', 2, b.id], ['C', 2, b.id]],
  );
  assert.equal(ofA.descendants.find((n: { id: string }) => n.id === bobs.id).isOwner, false);

  // Bob doesn't see Alice's private sibling but sees his own private remix; anonymous callers see
  // only public songs.
  const bobView = await lineage(a.id, bob.accessToken);
  assert.deepEqual(bobView.descendants.map((n: { title: string }) => n.title), ['B', 'Bob remix', 'C', 'Bob secret']);
  assert.deepEqual((await lineage(a.id)).descendants.map((n: { title: string }) => n.title), ['B', 'Bob remix', 'C']);
  assert.equal(bobView.descendants.find((n: { title: string }) => n.title === 'Bob remix').isOwner, true);
  const anonymousView = await lineage(c.id);
  assert.deepEqual(anonymousView.ancestors.map((n: { title: string }) => n.title), ['A', 'B']);
  assert.equal((await t.request({ method: 'GET', url: `/api/songs/${sibling.id}/lineage`, token: bob.accessToken })).statusCode, 404);
});
