// The HTTP contract every route shares: error shape, bad input → 400 naming the field (never 500),
// body limits, request ids, security headers, OpenAPI and health.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
});
after(() => t.close());

const json = { 'content-type': 'application/json' };

test('malformed JSON → 400 invalid_json', async () => {
  const res = await t.request({ method: 'POST', url: '/api/auth/login', payload: '{"email": "a@b.c",', headers: json });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.code, 'invalid_json');
});

test('oversized body → 413 payload_too_large', async () => {
  const res = await t.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(5000) }),
    headers: json,
  });
  assert.equal(res.statusCode, 413);
  assert.equal(res.json().error.code, 'payload_too_large');
});

test('wrong types → 400 naming the field', async () => {
  const res = await t.request({ method: 'POST', url: '/api/auth/login', body: { email: 'a@b.c', password: 12345678 } });
  assert.equal(res.statusCode, 400);
  const { error } = res.json();
  assert.equal(error.code, 'validation_failed');
  assert.equal(error.details.field, 'password');
  assert.match(error.message, /^password: /);
});

test('unknown fields → 400 naming the field', async () => {
  const res = await t.request({
    method: 'POST',
    url: '/api/auth/login',
    body: { email: 'a@b.c', password: 'long enough password', role: 'admin' },
  });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.details.field, 'role');
});

test('missing body and a non-object body → 400, never 500', async () => {
  for (const payload of ['', 'null', '[]', '"text"', '42']) {
    const res = await t.request({ method: 'POST', url: '/api/auth/login', payload, headers: json });
    assert.equal(res.statusCode, 400, `payload ${JSON.stringify(payload)}: ${res.body}`);
    assert.ok(res.json().error.code);
  }
});

test('unsupported content type → 415', async () => {
  const res = await t.request({ method: 'POST', url: '/api/auth/login', payload: 'a=b', headers: { 'content-type': 'text/csv' } });
  assert.equal(res.statusCode, 415);
  assert.equal(res.json().error.code, 'unsupported_media_type');
});

test('unknown route → 404 in the error shape', async () => {
  const res = await t.request({ method: 'GET', url: '/api/nope' });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, 'not_found');
});

test('request ids are returned, and a caller-supplied one is kept', async () => {
  const generated = await t.request({ method: 'GET', url: '/api/health' });
  assert.match(String(generated.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  const given = await t.request({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'trace-123' } });
  assert.equal(given.headers['x-request-id'], 'trace-123');
});

test('security headers are set', async () => {
  const res = await t.request({ method: 'GET', url: '/api/health' });
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.ok(res.headers['strict-transport-security']);
  assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
});

test('health reports database, storage and queue', async () => {
  const res = await t.request({ method: 'GET', url: '/api/health' });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.status, 'ok');
  assert.deepEqual(Object.keys(body.checks).sort(), ['database', 'queue', 'storage']);
});

test('OpenAPI document lists the routes, and the docs page is served', async () => {
  const res = await t.request({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.ok(doc.openapi.startsWith('3.'));
  assert.ok(doc.paths['/api/health']);
  assert.ok(doc.paths['/api/auth/signup']);
  const docs = await t.request({ method: 'GET', url: '/api/docs/' });
  assert.equal(docs.statusCode, 200);
  assert.match(docs.body, /swagger/i);
});
