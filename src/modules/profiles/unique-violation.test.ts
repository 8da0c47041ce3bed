import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conflictFromUniqueViolation } from './unique-violation.ts';

test('a unique violation on a profile index becomes 409 naming the field', () => {
  const byConstraint = conflictFromUniqueViolation({ code: '23505', constraint: 'profiles_username_key' });
  assert.equal(byConstraint?.status, 409);
  assert.deepEqual(byConstraint?.details, { field: 'username' });
  // Drivers that leave `constraint` unset still name the index in the message.
  const byMessage = conflictFromUniqueViolation({
    code: '23505',
    message: 'duplicate key value violates unique constraint "profiles_public_slug_key"',
  });
  assert.deepEqual(byMessage?.details, { field: 'publicSlug' });
});

test('anything else is left alone', () => {
  assert.equal(conflictFromUniqueViolation({ code: '23505', constraint: 'users_email_key' }), null);
  assert.equal(conflictFromUniqueViolation({ code: '23503', constraint: 'profiles_user_id_fkey' }), null);
  assert.equal(conflictFromUniqueViolation(new Error('boom')), null);
  assert.equal(conflictFromUniqueViolation(null), null);
});
