// How to create each kind of user-owned resource, keyed by the `ownedResource` name routes declare in
// their config. The ownership sweep uses these to check that nobody else can reach a user's things.
// A module that adds a route with an owned `:id` adds its factory here.
import assert from 'node:assert/strict';
import type { TestApp } from './test-app.ts';
import type { TestUser } from './users.ts';

export type OwnedResourceFactory = (t: TestApp, owner: TestUser) => Promise<string>;

export const OWNED_RESOURCES: Record<string, OwnedResourceFactory> = {
  async job(t, owner) {
    const { id } = await t.ctx.jobs.enqueue(t.ctx.database.db, 'mail.deliver', { outboxId: null }, { ownerId: owner.id });
    return id;
  },
  async api_key(t, owner) {
    const res = await t.request({ method: 'POST', url: '/api/api-keys', token: owner.accessToken, body: { name: 'swept' } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id;
  },
};
