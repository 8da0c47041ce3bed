import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../errors.ts';
import { normalizeEmail } from './normalize-email.ts';
import { validatePassword } from './validate-password.ts';

function fieldOf(run: () => void): string | undefined {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof AppError);
    return err.details?.field as string;
  }
  return undefined;
}

describe('validatePassword', () => {
  it('accepts 8 to 128 code points', () => {
    assert.equal(fieldOf(() => validatePassword('12345678')), undefined);
    assert.equal(fieldOf(() => validatePassword('x'.repeat(128))), undefined);
    assert.equal(fieldOf(() => validatePassword('🎵'.repeat(128))), undefined, '256 UTF-16 units, 128 code points');
  });

  it('refuses shorter and longer passwords, naming the field', () => {
    assert.equal(fieldOf(() => validatePassword('1234567')), 'password');
    assert.equal(fieldOf(() => validatePassword('x'.repeat(129))), 'password');
    assert.equal(fieldOf(() => validatePassword('🎵'.repeat(7))), 'password');
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    assert.equal(normalizeEmail('  Ada@Example.TEST '), 'ada@example.test');
  });

  it('refuses what cannot be an address', () => {
    for (const bad of ['', 'ada', 'ada@', '@example.test', 'a b@example.test', 'ada@example', `${'a'.repeat(250)}@x.io`]) {
      assert.equal(fieldOf(() => normalizeEmail(bad)), 'email', bad);
    }
  });
});
