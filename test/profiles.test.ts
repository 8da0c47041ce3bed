// Profiles over HTTP: reading and editing your own, the public view, and name uniqueness under races.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let counter = 0;

async function signUp(): Promise<{ token: string; id: string; email: string }> {
  const email = `profile-${process.pid}-${++counter}@example.com`;
  const res = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email, password: 'correct horse battery' } });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  return { token: body.accessToken, id: body.user.id, email };
}

before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t?.close();
});

test('GET /api/me needs credentials', async () => {
  const res = await t.request({ method: 'GET', url: '/api/me' });
  assert.equal(res.statusCode, 401);
  assert.equal(res.json().error.code, 'unauthorized');
});

test('GET and PATCH /api/me round trip', async () => {
  const me = await signUp();
  const blank = await t.request({ method: 'GET', url: '/api/me', token: me.token });
  assert.equal(blank.statusCode, 200, blank.body);
  assert.deepEqual(Object.keys(blank.json()).sort(), [
    'avatarUrl', 'bio', 'createdAt', 'currentStreak', 'displayName', 'email', 'id', 'level', 'longestStreak',
    'publicSlug', 'role', 'socialLinks', 'username', 'xp',
  ]);
  assert.equal(blank.json().id, me.id);
  assert.equal(blank.json().username, null);
  assert.deepEqual(blank.json().socialLinks, {});

  const patch = {
    username: 'DJ_Round_Trip',
    displayName: '  DJ Round Trip ',
    bio: 'Beats\r\nand more beats',
    socialLinks: { instagram: 'https://instagram.com/djrt', bandcamp: 'https://djrt.bandcamp.com' },
    publicSlug: 'round_trip',
  };
  const updated = await t.request({ method: 'PATCH', url: '/api/me', token: me.token, body: patch });
  assert.equal(updated.statusCode, 200, updated.body);
  const expected = {
    username: 'dj_round_trip',
    displayName: 'DJ Round Trip',
    bio: 'Beats\nand more beats',
    socialLinks: patch.socialLinks,
    publicSlug: 'round_trip',
  };
  for (const [field, value] of Object.entries(expected)) assert.deepEqual(updated.json()[field], value, field);

  const again = await t.request({ method: 'GET', url: '/api/me', token: me.token });
  assert.deepEqual(again.json(), updated.json());

  // Partial updates leave the rest alone; null clears a field.
  const cleared = await t.request({ method: 'PATCH', url: '/api/me', token: me.token, body: { bio: null } });
  assert.equal(cleared.json().bio, null);
  assert.equal(cleared.json().username, 'dj_round_trip');
});

test('validation errors name the field', async () => {
  const me = await signUp();
  const cases: [unknown, string][] = [
    [{ username: 'ab' }, 'username'],
    [{ username: 'no spaces' }, 'username'],
    [{ username: 'Admin' }, 'username'],
    [{ publicSlug: 'support' }, 'publicSlug'],
    [{ displayName: 'x'.repeat(81) }, 'displayName'],
    [{ displayName: 'bell\u0007' }, 'displayName'],
    [{ bio: 'x'.repeat(501) }, 'bio'],
    [{ socialLinks: { instagram: 'http://instagram.com/x' } }, 'socialLinks.instagram'],
    [{ socialLinks: { myspace: 'https://myspace.com/x' } }, 'socialLinks.myspace'],
    [{ email: 'new@example.com' }, 'email'],
    [{ level: 99 }, 'level'],
  ];
  for (const [body, field] of cases) {
    const res = await t.request({ method: 'PATCH', url: '/api/me', token: me.token, body });
    assert.equal(res.statusCode, 400, JSON.stringify(body));
    assert.equal(res.json().error.code, 'validation_failed');
    assert.equal(res.json().error.details.field, field, JSON.stringify(body));
  }
});

test('a username or slug held by someone else is 409, compared case-insensitively', async () => {
  const first = await signUp();
  const second = await signUp();
  const taken = await t.request({ method: 'PATCH', url: '/api/me', token: first.token, body: { username: 'taken_name', publicSlug: 'taken_slug' } });
  assert.equal(taken.statusCode, 200, taken.body);

  const dupName = await t.request({ method: 'PATCH', url: '/api/me', token: second.token, body: { username: 'TAKEN_Name' } });
  assert.equal(dupName.statusCode, 409, dupName.body);
  assert.equal(dupName.json().error.code, 'conflict');
  assert.equal(dupName.json().error.details.field, 'username');

  const dupSlug = await t.request({ method: 'PATCH', url: '/api/me', token: second.token, body: { publicSlug: 'Taken_Slug' } });
  assert.equal(dupSlug.statusCode, 409);
  assert.equal(dupSlug.json().error.details.field, 'publicSlug');

  // Setting your own name again is not a conflict.
  const same = await t.request({ method: 'PATCH', url: '/api/me', token: first.token, body: { username: 'Taken_Name' } });
  assert.equal(same.statusCode, 200);
});

test('two users claiming one username at once: one 200, one 409', async () => {
  const [a, b] = await Promise.all([signUp(), signUp()]);
  const results = await Promise.all(
    [a, b].map((u) => t.request({ method: 'PATCH', url: '/api/me', token: u.token, body: { username: 'race_winner' } })),
  );
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409], results.map((r) => r.body).join('\n'));
});

test('public profile shows only public fields', async () => {
  const me = await signUp();
  await t.request({
    method: 'PATCH',
    url: '/api/me',
    token: me.token,
    body: { username: 'public_face', displayName: 'Public Face', socialLinks: { x: 'https://x.com/pf' } },
  });
  const res = await t.request({ method: 'GET', url: '/api/profiles/Public_Face' });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.deepEqual(Object.keys(body).sort(), [
    'avatarUrl', 'bio', 'createdAt', 'displayName', 'level', 'publicSlug', 'socialLinks', 'username',
  ]);
  assert.equal(body.username, 'public_face');
  assert.deepEqual(body.socialLinks, { x: 'https://x.com/pf' });
  assert.ok(!res.body.includes(me.email));
  assert.ok(!res.body.includes(me.id));
});

test('unknown or impossible usernames are 404', async () => {
  for (const name of ['nobody_here', 'x', '..%2f..%2fetc', 'a'.repeat(100)]) {
    const res = await t.request({ method: 'GET', url: `/api/profiles/${name}` });
    assert.equal(res.statusCode, 404, name);
    assert.equal(res.json().error.code, 'not_found');
  }
});

test('a user whose profile row is missing still reads and updates one', async () => {
  const me = await signUp();
  await t.ctx.database.db.deleteFrom('profiles').where('user_id', '=', me.id).execute();
  const read = await t.request({ method: 'GET', url: '/api/me', token: me.token });
  assert.equal(read.statusCode, 200);
  assert.equal(read.json().level, 1);
  const updated = await t.request({ method: 'PATCH', url: '/api/me', token: me.token, body: { displayName: 'Back Again' } });
  assert.equal(updated.statusCode, 200, updated.body);
  assert.equal(updated.json().displayName, 'Back Again');
});
