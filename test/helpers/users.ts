import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app.ts';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

/** Signs a new user up over HTTP and returns their credentials. */
export async function signUp(t: TestApp, email = `user-${randomUUID().slice(0, 8)}@example.com`): Promise<TestUser> {
  const password = 'correct horse battery staple';
  const res = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email, password } });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  return { id: body.user.id, email, password, accessToken: body.accessToken, refreshToken: body.refreshToken };
}

/** Creates an API key for the user over HTTP and returns the secret. */
export async function createApiKey(t: TestApp, user: TestUser, name = 'test key'): Promise<string> {
  const res = await t.request({ method: 'POST', url: '/api/api-keys', token: user.accessToken, body: { name } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().key;
}
