// Social features over HTTP: likes (exact under concurrency), plays against a monthly allowance,
// share links, favorites and the explore feed.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { createQuickUser, createTestSong } from './helpers/songs.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { usingRealPostgres } from './helpers/test-database.ts';
import { signUp, type TestUser } from './helpers/users.ts';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;

before(async () => {
  t = await createTestApp({ env: { FREE_MONTHLY_PLAY_LIMIT: '3' } });
  alice = await signUp(t);
  bob = await signUp(t);
});
after(() => t.close());

async function likeCount(songId: string): Promise<number> {
  const row = await t.ctx.database.db.selectFrom('songs').select('like_count').where('id', '=', songId).executeTakeFirstOrThrow();
  return row.like_count;
}

test('50 users liking at once count 50; a double like counts once; unlike takes exactly one back', async () => {
  const song = await createTestSong(t, alice.id, { visibility: 'public' });
  const url = `/api/songs/${song.id}/like`;
  const fans = await Promise.all(Array.from({ length: 50 }, () => createQuickUser(t)));
  const results = await Promise.all(fans.map((fan) => t.request({ method: 'PUT', url, token: fan.accessToken })));
  assert.deepEqual([...new Set(results.map((r) => r.statusCode))], [200]);
  assert.equal(await likeCount(song.id), 50);

  // The same user, many times at once: one like.
  const twice = await Promise.all(Array.from({ length: 10 }, () => t.request({ method: 'PUT', url, token: bob.accessToken })));
  assert.deepEqual([...new Set(twice.map((r) => r.statusCode))], [200]);
  assert.equal(await likeCount(song.id), 51);
  assert.deepEqual(twice[0].json(), { liked: true, likeCount: 51 });
  const detail = await t.request({ method: 'GET', url: `/api/songs/${song.id}`, token: bob.accessToken });
  assert.equal(detail.json().likedByMe, true);

  const unliked = await Promise.all(Array.from({ length: 5 }, () => t.request({ method: 'DELETE', url, token: bob.accessToken })));
  assert.deepEqual([...new Set(unliked.map((r) => r.statusCode))], [200]);
  assert.equal(await likeCount(song.id), 50);
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM interactions WHERE song_id = ${song.id} AND kind = 'like'`.execute(t.ctx.database.db);
  assert.equal(rows[0].n, 50);

  // A private song of someone else can't be liked; your own can.
  const secret = await createTestSong(t, alice.id);
  assert.equal((await t.request({ method: 'PUT', url: `/api/songs/${secret.id}/like`, token: bob.accessToken })).statusCode, 404);
  assert.equal((await t.request({ method: 'PUT', url: `/api/songs/${secret.id}/like`, token: alice.accessToken })).statusCode, 200);
  assert.equal((await t.request({ method: 'PUT', url })).statusCode, 401);
});

test('a like survives the song turning private and can still be taken back', async () => {
  const song = await createTestSong(t, alice.id, { visibility: 'public' });
  await t.request({ method: 'PUT', url: `/api/songs/${song.id}/like`, token: bob.accessToken });
  await t.request({ method: 'PATCH', url: `/api/songs/${song.id}`, token: alice.accessToken, body: { visibility: 'private' } });
  const res = await t.request({ method: 'DELETE', url: `/api/songs/${song.id}/like`, token: bob.accessToken });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { liked: false, likeCount: 0 });
  assert.equal((await t.request({ method: 'DELETE', url: `/api/songs/${song.id}/like`, token: bob.accessToken })).statusCode, 404);
});

test('plays: the free limit refuses the 4th play with 429, a new month resets it, pro wallets are unlimited', async () => {
  const listener = await signUp(t);
  const song = await createTestSong(t, alice.id, { visibility: 'public' });
  const play = () => t.request({ method: 'POST', url: `/api/songs/${song.id}/play`, token: listener.accessToken });
  for (let i = 1; i <= 3; i++) {
    const res = await play();
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().plays, i);
    assert.equal(res.json().remaining, 3 - i);
    assert.equal(res.json().playCount, i);
  }
  const refused = await play();
  assert.equal(refused.statusCode, 429, refused.body);
  assert.equal(refused.json().error.code, 'rate_limited');
  assert.ok(Number(refused.headers['retry-after']) > 0);
  const usage = await t.request({ method: 'GET', url: '/api/me/plays', token: listener.accessToken });
  assert.equal(usage.statusCode, 200);
  const month = new Date().toISOString().slice(0, 7);
  const { resetsAt, ...counts } = usage.json<{ resetsAt: string; month: string }>();
  assert.deepEqual(counts, { month, plays: 3, limit: 3, remaining: 0 });
  assert.ok(new Date(resetsAt) > new Date());
  assert.equal(
    (await t.ctx.database.db.selectFrom('songs').select('play_count').where('id', '=', song.id).executeTakeFirstOrThrow()).play_count,
    3,
  );

  // Last month's usage row: this month starts from zero.
  await sql`UPDATE play_usage SET month = '2000-01' WHERE user_id = ${listener.id}`.execute(t.ctx.database.db);
  const fresh = await play();
  assert.equal(fresh.statusCode, 200, fresh.body);
  assert.equal(fresh.json().plays, 1);
  assert.equal(fresh.json().playCount, 4);

  // Racing plays near the limit: exactly the allowance passes.
  const racer = await createQuickUser(t);
  const raced = await Promise.all(
    Array.from({ length: 10 }, () => t.request({ method: 'POST', url: `/api/songs/${song.id}/play`, token: racer.accessToken })),
  );
  assert.equal(raced.filter((r) => r.statusCode === 200).length, 3);
  assert.equal(raced.filter((r) => r.statusCode === 429).length, 7);

  // Pro wallets play without limit.
  await t.request({ method: 'GET', url: '/api/wallet', token: listener.accessToken });
  await sql`UPDATE wallets SET is_pro = true WHERE user_id = ${listener.id}`.execute(t.ctx.database.db);
  for (let i = 0; i < 4; i++) assert.equal((await play()).statusCode, 200);
  const pro = await t.request({ method: 'GET', url: '/api/me/plays', token: listener.accessToken });
  assert.equal(pro.json().limit, null);
  assert.equal(pro.json().remaining, null);

  const secret = await createTestSong(t, alice.id);
  assert.equal((await t.request({ method: 'POST', url: `/api/songs/${secret.id}/play`, token: bob.accessToken })).statusCode, 404);
});

test('share: one stable slug, public data and audio without sign-in, nothing private', async () => {
  const song = await createTestSong(t, alice.id, { title: 'Gift song', prompt: 'top secret prompt' });
  const share = await t.request({ method: 'POST', url: `/api/songs/${song.id}/share`, token: alice.accessToken });
  assert.equal(share.statusCode, 200, share.body);
  const { slug, url } = share.json();
  assert.match(slug, /^[A-Za-z0-9_-]{10}$/);
  assert.ok(url.endsWith(`/api/share/${slug}`));
  const again = await t.request({ method: 'POST', url: `/api/songs/${song.id}/share`, token: alice.accessToken });
  assert.equal(again.json().slug, slug);
  assert.equal((await t.request({ method: 'POST', url: `/api/songs/${song.id}/share`, token: bob.accessToken })).statusCode, 404);

  const page = await t.request({ method: 'GET', url: `/api/share/${slug}` });
  assert.equal(page.statusCode, 200, page.body);
  const body = page.json();
  assert.equal(body.title, 'Gift song');
  assert.equal(body.durationSeconds, 1);
  const text = JSON.stringify(body);
  for (const secret of ['top secret prompt', alice.id, alice.email, song.id, 'visibility', 'music/']) {
    assert.equal(text.includes(secret), false, `share page leaks ${secret}`);
  }
  const audioUrl = new URL(body.variations[1].audioUrl);
  assert.equal(audioUrl.pathname, `/api/share/${slug}/audio`);
  const audio = await t.request({ method: 'GET', url: `${audioUrl.pathname}${audioUrl.search}`, headers: { range: 'bytes=0-3' } });
  assert.equal(audio.statusCode, 206);
  assert.equal(audio.rawPayload.toString('latin1'), 'RIFF');
  // The song itself stays private: its own routes still refuse others.
  assert.equal((await t.request({ method: 'GET', url: `/api/songs/${song.id}/audio`, token: bob.accessToken })).statusCode, 404);

  assert.equal((await t.request({ method: 'GET', url: '/api/share/nope-nope-1' })).statusCode, 404);
  assert.equal((await t.request({ method: 'GET', url: '/api/share/..%2F..' })).statusCode, 404);
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM interactions WHERE song_id = ${song.id} AND kind = 'share'`.execute(t.ctx.database.db);
  assert.equal(rows[0].n, 2);

  const pending = await createTestSong(t, alice.id, { status: 'generating' });
  assert.equal((await t.request({ method: 'POST', url: `/api/songs/${pending.id}/share`, token: alice.accessToken })).statusCode, 409);
});

test('favorite toggles for the owner only', async () => {
  const song = await createTestSong(t, alice.id, { visibility: 'public' });
  const url = `/api/songs/${song.id}/favorite`;
  assert.deepEqual((await t.request({ method: 'POST', url, token: alice.accessToken })).json(), { favorite: true });
  const listed = await t.request({ method: 'GET', url: '/api/songs?favorite=true', token: alice.accessToken });
  assert.ok(listed.json().items.some((s: { id: string }) => s.id === song.id));
  assert.deepEqual((await t.request({ method: 'POST', url, token: alice.accessToken })).json(), { favorite: false });
  assert.equal((await t.request({ method: 'POST', url, token: bob.accessToken })).statusCode, 404);
});

test('explore: public completed songs only, newest and most liked orders with cursors, no private fields', async () => {
  // A fresh app: the feed is global, and other tests' public songs would be in it.
  const app = await createTestApp();
  try {
    const owner = await createQuickUser(app);
    const likes = [3, 7, 7, 0, 5, 7];
    const songs: string[] = [];
    const base = Date.now() - 3600_000;
    for (let i = 0; i < likes.length; i++) {
      const s = await createTestSong(app, owner.id, { title: `P${i}`, visibility: 'public', likeCount: likes[i], createdAt: new Date(base + i * 1000) });
      songs.push(s.id);
    }
    await createTestSong(app, owner.id, { title: 'private', likeCount: 100 });
    await createTestSong(app, owner.id, { title: 'unfinished', visibility: 'public', status: 'generating', likeCount: 100 });
    await createTestSong(app, owner.id, { title: 'failed', visibility: 'public', status: 'failed', likeCount: 100 });

    const walk = async (sort: string) => {
      const titles: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await app.request({ method: 'GET', url: `/api/explore?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}` });
        assert.equal(res.statusCode, 200, res.body);
        for (const item of res.json().items) {
          titles.push(item.title);
          for (const field of ['prompt', 'visibility', 'userId', 'email', 'shareSlug']) assert.equal(field in item, false, field);
          assert.ok(item.variations[0].audioUrl);
        }
        cursor = res.json().nextCursor;
      } while (cursor);
      return titles;
    };
    assert.deepEqual(await walk('newest'), ['P5', 'P4', 'P3', 'P2', 'P1', 'P0']);
    // Ties in likes: newest first.
    assert.deepEqual(await walk('most_liked'), ['P5', 'P2', 'P1', 'P4', 'P0', 'P3']);
    const first = (await app.request({ method: 'GET', url: '/api/explore?limit=1' })).json().items[0];
    const audio = await app.request({ method: 'GET', url: new URL(first.variations[0].audioUrl).pathname });
    assert.equal(audio.statusCode, 200);
    assert.equal((await app.request({ method: 'GET', url: '/api/explore?sort=random' })).statusCode, 400);
    assert.equal((await app.request({ method: 'GET', url: '/api/explore?sort=most_liked&cursor=abc' })).statusCode, 400);
  } finally {
    await app.close();
  }
});

test('likes under real concurrency keep the counter equal to the rows', { skip: !usingRealPostgres }, async () => {
  const song = await createTestSong(t, alice.id, { visibility: 'public' });
  const fans = await Promise.all(Array.from({ length: 30 }, () => createQuickUser(t)));
  // Each fan likes, unlikes and likes again, all interleaved.
  await Promise.all(
    fans.map(async (fan) => {
      const url = `/api/songs/${song.id}/like`;
      await t.request({ method: 'PUT', url, token: fan.accessToken });
      await t.request({ method: 'DELETE', url, token: fan.accessToken });
      await t.request({ method: 'PUT', url, token: fan.accessToken });
    }),
  );
  assert.equal(await likeCount(song.id), 30);
});
