import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { SignJWT, decodeProtectedHeader, decodeJwt } from 'jose';
import { deriveSuccessorToken } from './derive-successor-token.ts';
import { signAccessToken } from './sign-access-token.ts';
import { verifyAccessToken } from './verify-access-token.ts';

const config = {
  jwt: { secret: 'unit-test-secret-0123456789abcdef0123456789', issuer: 'backbeat', audience: 'backbeat-api', accessTtlSeconds: 900, refreshTtlSeconds: 3600 },
};
const user = { id: randomUUID(), email: 'ada@example.test', role: 'user' as const };

async function rejects(token: string) {
  await assert.rejects(verifyAccessToken(config, token), (err: any) => err.code === 'unauthorized');
}

describe('access tokens', () => {
  it('round-trips with the expected header and claims', async () => {
    const { token, expiresIn } = await signAccessToken(config, user);
    assert.equal(expiresIn, 900);
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    assert.equal(claims.sub, user.id);
    assert.equal(claims.role, 'user');
    assert.equal(claims.iss, 'backbeat');
    assert.equal(claims.aud, 'backbeat-api');
    assert.equal((claims.exp as number) - (claims.iat as number), 900);
    assert.ok(claims.jti);
    assert.equal((await verifyAccessToken(config, token)).userId, user.id);
  });

  it('refuses a token expired by one second', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('backbeat')
      .setAudience('backbeat-api')
      .setIssuedAt(now - 901)
      .setExpirationTime(now - 1)
      .setJti(randomUUID())
      .sign(new TextEncoder().encode(config.jwt.secret));
    await rejects(token);
  });

  it('refuses other algorithms, keys and audiences', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = decodeJwt((await signAccessToken(config, user)).token);
    await rejects(`${enc({ alg: 'none' })}.${enc(claims)}.`);
    await rejects((await signAccessToken({ jwt: { ...config.jwt, secret: 'another-secret-0123456789abcdef01234' } }, user)).token);
    await rejects((await signAccessToken({ jwt: { ...config.jwt, audience: 'other' } }, user)).token);
    await rejects((await signAccessToken({ jwt: { ...config.jwt, issuer: 'other' } }, user)).token);
    await rejects((await signAccessToken(config, { ...user, id: 'not-a-uuid' })).token);
  });
});

describe('deriveSuccessorToken', () => {
  it('is stable for one token, differs between tokens and secrets, and looks random', () => {
    const a = deriveSuccessorToken(config, 'token-a');
    assert.equal(a, deriveSuccessorToken(config, 'token-a'));
    assert.notEqual(a, deriveSuccessorToken(config, 'token-b'));
    assert.notEqual(a, deriveSuccessorToken({ jwt: { ...config.jwt, secret: 'another-secret-0123456789abcdef01234' } }, 'token-a'));
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  });
});
