// Sign-up, login, sessions, refresh rotation, forged access tokens and input validation, over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let counter = 0;

before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t?.close();
});

function newEmail(): string {
  counter += 1;
  return `user${counter}-${Date.now()}@example.test`;
}

async function signup(password = 'correct horse battery'): Promise<{ email: string; password: string; body: any }> {
  const email = newEmail();
  const res = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email, password } });
  assert.equal(res.statusCode, 201, res.body);
  return { email, password, body: res.json() };
}

function refresh(refreshToken: string) {
  return t.request({ method: 'POST', url: '/api/auth/refresh', body: { refreshToken } });
}

describe('session lifecycle', () => {
  it('signs up, logs in, reads the session, refreshes and logs out', async () => {
    const email = newEmail();
    const password = 'a long enough passphrase';
    const signupRes = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email: `  ${email.toUpperCase()} `, password } });
    assert.equal(signupRes.statusCode, 201, signupRes.body);
    const created = signupRes.json();
    assert.equal(created.user.email, email, 'stored trimmed and lower-cased');
    assert.equal(created.user.role, 'user');
    assert.equal(created.emailConfirmationRequired, false);
    assert.ok(created.accessToken && created.refreshToken);
    assert.equal(JSON.stringify(created).includes('password'), false);

    const profile = await t.ctx.database.db.selectFrom('profiles').select('user_id').where('user_id', '=', created.user.id).executeTakeFirst();
    assert.ok(profile, 'an empty profile row comes with the user');

    const login = await t.request({ method: 'POST', url: '/api/auth/login', body: { email, password } });
    assert.equal(login.statusCode, 200, login.body);
    const session = login.json();
    assert.deepEqual(Object.keys(session).sort(), ['accessToken', 'expiresIn', 'refreshToken', 'user']);
    assert.equal(session.expiresIn, 900);

    const me = await t.request({ method: 'GET', url: '/api/auth/session', token: session.accessToken });
    assert.equal(me.statusCode, 200, me.body);
    assert.deepEqual(me.json(), { user: { id: created.user.id, email, role: 'user', via: 'jwt' } });

    const anonymous = await t.request({ method: 'GET', url: '/api/auth/session' });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().error.code, 'unauthorized');

    const rotated = await refresh(session.refreshToken);
    assert.equal(rotated.statusCode, 200, rotated.body);
    const next = rotated.json();
    assert.notEqual(next.refreshToken, session.refreshToken);
    assert.equal((await t.request({ method: 'GET', url: '/api/auth/session', token: next.accessToken })).statusCode, 200);

    const logout = await t.request({ method: 'POST', url: '/api/auth/logout', body: { refreshToken: next.refreshToken } });
    assert.equal(logout.statusCode, 204);
    assert.equal(logout.body, '');
    const afterLogout = await refresh(next.refreshToken);
    assert.equal(afterLogout.statusCode, 401);
  });

  it('refuses a duplicate e-mail with 409 conflict, whatever its case', async () => {
    const { email } = await signup();
    const res = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email: email.toUpperCase(), password: 'another password' } });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'conflict');
    assert.equal(res.json().error.details.field, 'email');
  });

  it('lets exactly one of several parallel sign-ups for one address through', async () => {
    const email = newEmail();
    const results = await Promise.all(
      [1, 2, 3].map(() => t.request({ method: 'POST', url: '/api/auth/signup', body: { email, password: 'long enough pass' } })),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409]);
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const { email } = await signup();
    const wrong = await t.request({ method: 'POST', url: '/api/auth/login', body: { email, password: 'not the password' } });
    const unknown = await t.request({ method: 'POST', url: '/api/auth/login', body: { email: newEmail(), password: 'not the password' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
  });

  it("stops accepting a deleted user's access token", async () => {
    const { body } = await signup();
    await t.ctx.database.db.deleteFrom('users').where('id', '=', body.user.id).execute();
    const res = await t.request({ method: 'GET', url: '/api/auth/session', token: body.accessToken });
    assert.equal(res.statusCode, 401);
  });

  it('uses the current role, not the one in the token', async () => {
    const { body } = await signup();
    await t.ctx.database.db.updateTable('users').set({ role: 'admin' }).where('id', '=', body.user.id).execute();
    const res = await t.request({ method: 'GET', url: '/api/auth/session', token: body.accessToken });
    assert.equal(res.json().user.role, 'admin');
  });
});

describe('refresh token rotation', () => {
  it('revokes the whole family when a used token comes back, successors included', async () => {
    const { body } = await signup();
    const first = (await refresh(body.refreshToken)).json();
    const second = await refresh(first.refreshToken);
    assert.equal(second.statusCode, 200);
    const current = second.json().refreshToken;

    // The original token's successor has been used: this is a replay, not a racing client.
    const replay = await refresh(body.refreshToken);
    assert.equal(replay.statusCode, 401);
    assert.equal((await refresh(current)).statusCode, 401, 'the newest token of the family is revoked too');
  });

  it('revokes the family on reuse after the grace window', async () => {
    const { body } = await signup();
    const rotated = (await refresh(body.refreshToken)).json();
    await t.ctx.database.db
      .updateTable('refresh_tokens')
      .set({ used_at: new Date(Date.now() - 11_000) })
      .where('user_id', '=', body.user.id)
      .where('used_at', 'is not', null)
      .execute();
    assert.equal((await refresh(body.refreshToken)).statusCode, 401);
    assert.equal((await refresh(rotated.refreshToken)).statusCode, 401);
  });

  it('gives two parallel refreshes with one token the same successor', async () => {
    const { body } = await signup();
    const [a, b] = await Promise.all([refresh(body.refreshToken), refresh(body.refreshToken)]);
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(b.statusCode, 200, b.body);
    assert.equal(a.json().refreshToken, b.json().refreshToken);
    // A retry a moment later (lost response) is still inside the window.
    const again = await refresh(body.refreshToken);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().refreshToken, a.json().refreshToken);
    const next = await refresh(a.json().refreshToken);
    assert.equal(next.statusCode, 200, 'the shared successor keeps working');
  });

  it('refuses unknown and expired refresh tokens', async () => {
    assert.equal((await refresh('x'.repeat(43))).statusCode, 401);
    const { body } = await signup();
    await t.ctx.database.db
      .updateTable('refresh_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', body.user.id)
      .execute();
    assert.equal((await refresh(body.refreshToken)).statusCode, 401);
  });
});

describe('forged access tokens', () => {
  const { issuer, audience, secret } = { issuer: 'backbeat', audience: 'backbeat-api', secret: 'test-secret-that-is-long-enough-0123456789abcdef' };
  let userId: string;

  before(async () => {
    userId = (await signup()).body.user.id;
  });

  function claims(overrides: Record<string, unknown> = {}) {
    const now = Math.floor(Date.now() / 1000);
    return { sub: userId, role: 'admin', iss: issuer, aud: audience, iat: now, exp: now + 600, jti: crypto.randomUUID(), ...overrides };
  }

  function sign(payload: Record<string, unknown>, key = secret, header: Record<string, unknown> = {}) {
    return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header }).sign(new TextEncoder().encode(key));
  }

  async function expect401(token: string, label: string) {
    const res = await t.request({ method: 'GET', url: '/api/auth/session', token });
    assert.equal(res.statusCode, 401, `${label}: ${res.body}`);
    assert.equal(res.json().error.code, 'unauthorized', label);
  }

  it('accepts a correctly signed token (control)', async () => {
    const res = await t.request({ method: 'GET', url: '/api/auth/session', token: await sign(claims()) });
    assert.equal(res.statusCode, 200, res.body);
  });

  it('refuses alg none', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    await expect401(`${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims())}.`, 'alg none');
    await expect401(`${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims())}`, 'alg none without signature part');
  });

  it('refuses HS256 signed with another key', async () => {
    await expect401(await sign(claims(), 'attacker-secret-attacker-secret-attacker'), 'wrong key');
  });

  it('refuses a token expired by one second', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect401(await sign(claims({ iat: now - 901, exp: now - 1 })), 'expired');
  });

  it('refuses the wrong audience or issuer', async () => {
    await expect401(await sign(claims({ aud: 'someone-else' })), 'aud');
    await expect401(await sign(claims({ iss: 'evil' })), 'iss');
  });

  it('ignores keys named in the header (jwk, jku, kid)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    const embedded = await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', jwk }).sign(privateKey);
    await expect401(embedded, 'embedded jwk');
    const jku = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'ES256', jku: 'https://attacker.example/jwks.json', kid: 'k1' })
      .sign(privateKey);
    await expect401(jku, 'jku');
    const attackerHs = 'attacker-secret-attacker-secret-attacker';
    await expect401(await sign(claims(), attackerHs, { jwk: { kty: 'oct', k: Buffer.from(attackerHs).toString('base64url') } }), 'oct jwk');
  });

  it('refuses garbage, a missing subject and a non-UUID subject', async () => {
    await expect401('garbage', 'garbage');
    await expect401('a.b.c', 'three parts of garbage');
    await expect401(await sign(claims({ sub: undefined })), 'no sub');
    await expect401(await sign(claims({ sub: "1' OR '1'='1" })), 'sub not a uuid');
    await expect401(await sign(claims({ sub: crypto.randomUUID() })), 'unknown user');
  });

  it('refuses a malformed Authorization header and both credentials at once', async () => {
    const token = await sign(claims());
    const basic = await t.request({ method: 'GET', url: '/api/auth/session', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    assert.equal(basic.statusCode, 401);
    const both = await t.request({ method: 'GET', url: '/api/auth/session', token, apiKey: 'bb_live_00000000_x' });
    assert.equal(both.statusCode, 401);
  });
});

describe('password rules', () => {
  it('refuses 7 characters and 129, naming the field', async () => {
    for (const password of ['1234567', 'x'.repeat(129)]) {
      const res = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email: newEmail(), password } });
      assert.equal(res.statusCode, 400, password.length.toString());
      assert.equal(res.json().error.code, 'validation_failed');
      assert.equal(res.json().error.details.field, 'password');
    }
  });

  it('counts code points: 128 emoji are allowed, 129 are not', async () => {
    const ok = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email: newEmail(), password: '🎵'.repeat(128) } });
    assert.equal(ok.statusCode, 201, ok.body);
    const tooLong = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email: newEmail(), password: '🎵'.repeat(129) } });
    assert.equal(tooLong.statusCode, 400);
  });

  it('does not truncate: passwords differing only at byte 73 are different', async () => {
    const base = 'p'.repeat(72);
    const { email } = await signup(`${base}A-tail`);
    const other = await t.request({ method: 'POST', url: '/api/auth/login', body: { email, password: `${base}B-tail` } });
    assert.equal(other.statusCode, 401);
    const same = await t.request({ method: 'POST', url: '/api/auth/login', body: { email, password: `${base}A-tail` } });
    assert.equal(same.statusCode, 200);
  });

  it('refuses a malformed e-mail', async () => {
    const res = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email: 'not-an-email', password: 'long enough' } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.details.field, 'email');
  });
});

describe('bad input on auth routes', () => {
  const routes = ['/api/auth/signup', '/api/auth/login', '/api/auth/refresh', '/api/auth/logout', '/api/auth/confirm', '/api/auth/recover', '/api/auth/reset'];

  it('answers malformed JSON with 400 on every route', async () => {
    for (const url of routes) {
      const res = await t.request({ method: 'POST', url, payload: '{"email": ', headers: { 'content-type': 'application/json' } });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal(res.json().error.code, 'invalid_json', url);
    }
  });

  it('names the field for wrong types, unknown fields and missing fields', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/auth/signup', { email: 42, password: 'long enough' }, 'email'],
      ['/api/auth/signup', { email: newEmail(), password: ['x'] }, 'password'],
      ['/api/auth/signup', { email: newEmail(), password: 'long enough', role: 'admin' }, 'role'],
      ['/api/auth/login', { email: 'a@b.c' }, 'password'],
      ['/api/auth/login', { email: 'a@b.c', password: 'x', remember: true }, 'remember'],
      ['/api/auth/refresh', { refreshToken: 123 }, 'refreshToken'],
      ['/api/auth/logout', {}, 'refreshToken'],
      ['/api/auth/confirm', { token: null }, 'token'],
      ['/api/auth/recover', { email: { $ne: '' } }, 'email'],
      ['/api/auth/reset', { token: 'abc', password: 1 }, 'password'],
    ];
    for (const [url, body, field] of cases) {
      const res = await t.request({ method: 'POST', url, body });
      assert.equal(res.statusCode, 400, `${url} ${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().error.details.field, field, `${url} ${JSON.stringify(body)}`);
    }
  });

  it('answers an empty or non-object body with 400', async () => {
    for (const payload of ['[]', '"text"', 'null']) {
      const res = await t.request({ method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': 'application/json' } });
      assert.equal(res.statusCode, 400, `${payload}: ${res.body}`);
    }
    const res = await t.request({ method: 'GET', url: '/api/auth/confirm' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.details.field, 'token');
  });
});
