// The loudness service on S3 storage: the worker reads and writes through the S3 driver, the download
// is a redirect to a signed URL, and refused or deleted uploads leave no object in the bucket.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { multipartBody } from '../src/modules/loudness/testing/multipart-body.ts';
import { writeTestMix } from '../src/modules/loudness/testing/write-test-mix.ts';
import { S3RVER_CREDENTIALS, startS3rver, type RunningS3rver } from '../src/storage/testing/start-s3rver.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';
import { createApiKey, signUp } from './helpers/users.ts';

let s3: RunningS3rver;
let t: TestApp;
let client: S3Client;
let shortMix: Buffer;
const dir = mkdtempSync(join(tmpdir(), 'loudness-s3-'));

before(async () => {
  s3 = await startS3rver();
  t = await createTestApp({
    workers: true,
    env: {
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
      LOUDNESS_MAX_UPLOAD_BYTES: '2000000',
    },
  });
  client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  await writeTestMix(join(dir, 'short.wav'), { seconds: 4 });
  shortMix = readFileSync(join(dir, 'short.wav'));
});
after(async () => {
  await t.close();
  client.destroy();
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function objects(prefix: string): Promise<string[]> {
  const res = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  return (res.Contents ?? []).map((o) => o.Key!);
}

test('upload, process and download through S3: the download is a redirect to a signed URL', { timeout: 60_000 }, async () => {
  const user = await signUp(t);
  const apiKey = await createApiKey(t, user);
  const body = multipartBody([{ name: 'presetId', value: 'apple' }, { name: 'outputFormat', value: 'mp3' }, { name: 'file', filename: 'set.wav', data: shortMix }]);
  const res = await t.request({ method: 'POST', url: '/api/loudness/jobs', apiKey, ...body });
  assert.equal(res.statusCode, 202, res.body);
  const id = res.json().job.id;
  const events = await t.request({ method: 'GET', url: `/api/loudness/jobs/${id}/events`, apiKey });
  assert.match(events.body, /"status":"completed"/, events.body);
  const job = (await t.request({ method: 'GET', url: `/api/loudness/jobs/${id}`, apiKey })).json();
  assert.equal(job.output.format, 'mp3');
  assert.ok(Math.abs(job.output.integratedLufs + 16) <= 0.1, JSON.stringify(job.output));

  const download = await t.request({ method: 'GET', url: `/api/loudness/jobs/${id}/download`, apiKey });
  assert.equal(download.statusCode, 302, download.body);
  const location = String(download.headers.location);
  assert.match(location, /X-Amz-Signature=/);
  const fetched = await fetch(location);
  assert.equal(fetched.status, 200);
  const bytes = Buffer.from(await fetched.arrayBuffer());
  assert.ok(bytes.length > 10_000);
  assert.equal((await objects(`uploads/${user.id}/`)).length, 1);
  assert.equal((await objects(`deliverables/${user.id}/`)).length, 1);

  assert.equal((await t.request({ method: 'DELETE', url: `/api/loudness/jobs/${id}`, apiKey })).statusCode, 204);
  assert.deepEqual(await objects(`uploads/${user.id}/`), []);
  assert.deepEqual(await objects(`deliverables/${user.id}/`), []);
});

test('an oversized streamed upload leaves no object in the bucket', async () => {
  const user = await signUp(t);
  const big = Buffer.concat([shortMix, shortMix, shortMix]);
  const { payload, headers } = multipartBody([{ name: 'presetId', value: 'spotify' }, { name: 'file', filename: 'big.wav', data: big }]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/loudness/jobs',
    headers: { ...headers, authorization: `Bearer ${user.accessToken}` },
    payload: Readable.from([payload.subarray(0, 1_000_000), payload.subarray(1_000_000)]),
  });
  assert.equal(res.statusCode, 413, res.body);
  assert.deepEqual(await objects(`uploads/${user.id}/`), []);
});
