// How to create each kind of user-owned resource, keyed by the `ownedResource` name routes declare in
// their config. The ownership sweep uses these to check that nobody else can reach a user's things.
// A module that adds a route with an owned `:id` adds its factory here.
import assert from 'node:assert/strict';
import { createTestSong } from './songs.ts';
import type { TestApp } from './test-app.ts';
import type { TestUser } from './users.ts';

export type OwnedResourceFactory = (t: TestApp, owner: TestUser) => Promise<string>;

export const OWNED_RESOURCES: Record<string, OwnedResourceFactory> = {
  // Private: public songs are readable by anyone, so only a private one proves the owner check.
  song: async (t, owner) => (await createTestSong(t, owner.id, { visibility: 'private' })).id,
  async job(t, owner) {
    const { id } = await t.ctx.jobs.enqueue(t.ctx.database.db, 'mail.deliver', { outboxId: null }, { ownerId: owner.id });
    return id;
  },
  async generation_job(t, owner) {
    const res = await t.request({ method: 'POST', url: '/api/generate', token: owner.accessToken, body: { prompt: 'swept song', durationSeconds: 5 } });
    assert.equal(res.statusCode, 202, res.body);
    return res.json().job.id;
  },
  async api_key(t, owner) {
    const res = await t.request({ method: 'POST', url: '/api/api-keys', token: owner.accessToken, body: { name: 'swept' } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id;
  },
  async loudness_job(t, owner) {
    const { createLoudnessJob, setLoudnessTier } = await import('../../src/modules/loudness/index.ts');
    // Unlimited, so the sweep can make one per route.
    await setLoudnessTier(t.ctx, { userId: owner.id, tier: 'premium_plus' });
    const { makeObjectKey } = await import('../../src/storage/index.ts');
    const key = makeObjectKey('uploads', owner.id, 'wav');
    const info = await t.ctx.storage.put(key, Buffer.from('RIFF....WAVE'), { contentType: 'audio/wav' });
    const upload = { key, format: 'wav' as const, sizeBytes: info.size, originalName: 'swept.wav' };
    return (await createLoudnessJob(t.ctx, { userId: owner.id, upload, target: { presetId: 'spotify' } })).id;
  },
  async loudness_preset(t, owner) {
    const row = await t.ctx.database.db
      .insertInto('loudness_presets')
      .values({ owner_id: owner.id, name: 'swept', target_lufs: -12, true_peak_dbtp: -1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
};
