import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signWebhook } from './sign-webhook.ts';
import { verifyWebhook } from './verify-webhook.ts';

const body = Buffer.from('{"data":{"task_id":"t1","status":"completed"}}');
const base = { scheme: 'hmac-sha256' as const, secrets: ['s3cret-one-0000000000', 's3cret-two-0000000000'], toleranceSeconds: 300, nowSeconds: 1_800_000_000 };

test('hmac-sha256: valid, tampered, stale, future, missing, wrong length', () => {
  const sig = signWebhook('s3cret-one-0000000000', body, base.nowSeconds);
  assert.equal(verifyWebhook({ headers: { 'x-webhook-signature': sig }, query: {}, rawBody: body }, base), null);
  const tampered = Buffer.from(body);
  tampered[5] ^= 1;
  assert.match(verifyWebhook({ headers: { 'x-webhook-signature': sig }, query: {}, rawBody: tampered }, base) ?? '', /no signature matches/);
  assert.match(verifyWebhook({ headers: {}, query: {}, rawBody: body }, base) ?? '', /missing/);
  assert.match(verifyWebhook({ headers: { 'x-webhook-signature': sig.slice(0, -1) }, query: {}, rawBody: body }, base) ?? '', /no signature matches/);
  const stale = signWebhook('s3cret-one-0000000000', body, base.nowSeconds - 301);
  assert.match(verifyWebhook({ headers: { 'x-webhook-signature': stale }, query: {}, rawBody: body }, base) ?? '', /tolerance/);
  const edge = signWebhook('s3cret-two-0000000000', body, base.nowSeconds - 299);
  assert.equal(verifyWebhook({ headers: { 'x-webhook-signature': edge }, query: {}, rawBody: body }, base), null);
  const future = signWebhook('s3cret-one-0000000000', body, base.nowSeconds + 301);
  assert.notEqual(verifyWebhook({ headers: { 'x-webhook-signature': future }, query: {}, rawBody: body }, base), null);
  // Two copies of the header are refused rather than guessed between.
  assert.notEqual(verifyWebhook({ headers: { 'x-webhook-signature': [sig, sig] }, query: {}, rawBody: body }, base), null);
});

test('header and query secrets: exact, constant-time, any listed secret', () => {
  const header = { ...base, scheme: 'header' as const };
  assert.equal(verifyWebhook({ headers: { 'x-webhook-secret': 's3cret-two-0000000000' }, query: {}, rawBody: body }, header), null);
  assert.notEqual(verifyWebhook({ headers: { 'x-webhook-secret': 's3cret-two-000000000' }, query: {}, rawBody: body }, header), null);
  assert.notEqual(verifyWebhook({ headers: {}, query: {}, rawBody: body }, header), null);
  const query = { ...base, scheme: 'query' as const };
  assert.equal(verifyWebhook({ headers: {}, query: { token: 's3cret-one-0000000000' }, rawBody: body }, query), null);
  assert.notEqual(verifyWebhook({ headers: {}, query: { token: ['s3cret-one-0000000000', 'x'] }, rawBody: body }, query), null);
  assert.notEqual(verifyWebhook({ headers: {}, query: { token: '' }, rawBody: body }, query), null);
  assert.notEqual(verifyWebhook({ headers: {}, query: { token: 'x' }, rawBody: body }, { ...query, secrets: [] }), null);
});
