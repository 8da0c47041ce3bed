// The embedded default as a user runs it: `backbeat serve` on a data dir keeps its data across a
// restart, and a second process on the same data dir is refused with a clear message.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freePort, startBackbeat, waitForHealthy } from './helpers/processes.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'backbeat-embedded-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const env = { DATABASE_URL: '', JWT_SECRET: '' }; // embedded mode whatever the test run uses

test('data survives a restart; a second process on the same data dir is refused', { timeout: 180_000 }, async () => {
  const port = await freePort();
  const first = startBackbeat(['serve', '--port', String(port), '--data-dir', dataDir], env);
  await waitForHealthy(port, first);
  const base = `http://127.0.0.1:${port}/api`;
  const credentials = { email: 'persist@example.com', password: 'a long enough password' };
  const signup = await fetch(`${base}/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  assert.equal(signup.status, 201, await signup.clone().text());

  const second = startBackbeat(['serve', '--port', String(await freePort()), '--data-dir', dataDir], env);
  const code = await second.exited;
  assert.notEqual(code, 0);
  assert.match(second.output(), /in use by another Backbeat process/);

  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0, first.output());

  const restarted = startBackbeat(['serve', '--port', String(port), '--data-dir', dataDir], env);
  try {
    await waitForHealthy(port, restarted);
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    assert.equal(login.status, 200, await login.clone().text());
    const { accessToken } = (await login.json()) as { accessToken: string };
    const session = await fetch(`${base}/auth/session`, { headers: { authorization: `Bearer ${accessToken}` } });
    assert.equal(session.status, 200);
  } finally {
    restarted.child.kill('SIGTERM');
    await restarted.exited;
  }
});
