import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { requireAdmin, requireUser } from './require-user.ts';
import type { AuthUser } from './types.ts';

const as = (user: AuthUser | null) => ({ user }) as FastifyRequest;
const user: AuthUser = { id: '00000000-0000-4000-8000-000000000001', email: 'a@example.test', role: 'user', via: 'jwt' };

describe('requireUser / requireAdmin', () => {
  it('returns the caller or refuses with 401 / 403', () => {
    assert.equal(requireUser(as(user)), user);
    assert.throws(() => requireUser(as(null)), (err: any) => err.code === 'unauthorized' && err.status === 401);
    assert.throws(() => requireAdmin(as(null)), (err: any) => err.status === 401);
    assert.throws(() => requireAdmin(as(user)), (err: any) => err.code === 'forbidden' && err.status === 403);
    const admin = { ...user, role: 'admin' as const, via: 'api_key' as const };
    assert.equal(requireAdmin(as(admin)), admin);
  });
});
