// The `backbeat` command as a user runs it: help, migrate, admin create-user, and clear failures.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BIN } from './helpers/processes.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'backbeat-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATABASE_URL: '', JWT_SECRET: '', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('every command has --help', () => {
  for (const command of [[], ['serve'], ['worker'], ['migrate'], ['admin', 'create-user'], ['loudness', 'analyze']]) {
    const { code, stdout } = run(...command, '--help');
    assert.equal(code, 0, `${command.join(' ')} --help`);
    assert.match(stdout, /Usage: backbeat/);
  }
});

test('migrate applies once, then reports the database up to date', { timeout: 120_000 }, () => {
  const first = run('migrate', '--data-dir', dataDir);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /applied migrations: 1, 2, 3/);
  const second = run('migrate', '--data-dir', dataDir);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /up to date/);
});

test('admin create-user creates an admin, and refuses duplicates and bad input with exit code 2', { timeout: 120_000 }, () => {
  const created = run('admin', 'create-user', '--email', 'Root@Example.com', '--password', 'a long admin password', '--role', 'admin', '--data-dir', dataDir);
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, /created admin root@example\.com/);
  const duplicate = run('admin', 'create-user', '--email', 'root@example.com', '--password', 'another long password', '--data-dir', dataDir);
  assert.equal(duplicate.code, 2);
  assert.match(duplicate.stderr, /already exists/);
  const badRole = run('admin', 'create-user', '--email', 'x@example.com', '--password', 'long enough pw', '--role', 'owner', '--data-dir', dataDir);
  assert.equal(badRole.code, 2);
  assert.match(badRole.stderr, /role/);
  const shortPassword = run('admin', 'create-user', '--email', 'y@example.com', '--password', 'short', '--data-dir', dataDir);
  assert.equal(shortPassword.code, 2);
  assert.match(shortPassword.stderr, /password/);
});

test('worker without DATABASE_URL explains itself and exits 2', () => {
  const { code, stderr } = run('worker');
  assert.equal(code, 2);
  assert.match(stderr, /DATABASE_URL is required/);
});
