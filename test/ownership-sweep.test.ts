// For every route whose URL has an `:id`, another user gets 404 — with a JWT and with an API key.
// A route with an `:id` must declare what it is (config.ownedResource) or that it is public
// (config.publicResource); an undeclared one fails this test, so no new route slips past it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { OWNED_RESOURCES } from './helpers/owned-resources.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { createApiKey, signUp, type TestUser } from './helpers/users.ts';

let t: TestApp;
let owner: TestUser;
let intruder: TestUser;
let intruderKey: string;

before(async () => {
  t = await createTestApp();
  owner = await signUp(t);
  intruder = await signUp(t);
  intruderKey = await createApiKey(t, intruder);
});
after(() => t.close());

function idRoutes() {
  return t.routes.filter(
    (r) => r.url.startsWith('/api/') && /:id(\/|$)/.test(r.url) && r.method !== 'HEAD' && !r.config?.adminOnly,
  );
}

test('every :id route declares whether it is owned or public', () => {
  const undeclared = idRoutes().filter((r) => !r.config?.ownedResource && !r.config?.publicResource);
  assert.deepEqual(undeclared.map((r) => `${r.method} ${r.url}`), []);
  const unknown = idRoutes().filter((r) => r.config?.ownedResource && !OWNED_RESOURCES[r.config.ownedResource]);
  assert.deepEqual(unknown.map((r) => `${r.method} ${r.url} (${r.config?.ownedResource})`), []);
});

test("another user's resources are 404 on every owned :id route, by JWT and by API key", async () => {
  const owned = idRoutes().filter((r) => r.config?.ownedResource);
  assert.ok(owned.length > 0, 'expected at least one owned route');
  for (const route of owned) {
    const id = await OWNED_RESOURCES[route.config!.ownedResource!](t, owner);
    const url = route.url.replace(':id', id).replace(/:(\w+)/g, 'x');
    const body = ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined;
    const byJwt = await t.request({ method: route.method, url, token: intruder.accessToken, body });
    assert.equal(byJwt.statusCode, 404, `${route.method} ${route.url} by JWT: ${byJwt.body}`);
    assert.equal(byJwt.json().error.code, 'not_found');
    const byKey = await t.request({ method: route.method, url, apiKey: intruderKey, body });
    assert.equal(byKey.statusCode, 404, `${route.method} ${route.url} by API key: ${byKey.body}`);
    const anonymous = await t.request({ method: route.method, url, body });
    assert.equal(anonymous.statusCode, 401, `${route.method} ${route.url} without credentials: ${anonymous.body}`);
  }
});
