import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProfilePatchSchema } from './schemas.ts';

function issuePath(input: unknown): string | undefined {
  const result = ProfilePatchSchema.safeParse(input);
  if (result.success) return undefined;
  const issue = result.error.issues[0] as { path: PropertyKey[]; code: string; keys?: string[] };
  return [...issue.path, ...(issue.code === 'unrecognized_keys' ? (issue.keys ?? []).slice(0, 1) : [])].join('.');
}

test('usernames and slugs are lower-cased and checked for shape and reserved names', () => {
  assert.deepEqual(ProfilePatchSchema.parse({ username: 'DJ_Alice', publicSlug: 'Alice_Music' }), {
    username: 'dj_alice',
    publicSlug: 'alice_music',
  });
  for (const bad of ['ab', 'a'.repeat(31), 'has space', 'dash-ed', 'émile', 'Admin', 'ROOT', 'me', 'support', 'api']) {
    assert.equal(issuePath({ username: bad }), 'username', bad);
    assert.equal(issuePath({ publicSlug: bad }), 'publicSlug', bad);
  }
});

test('display names are trimmed and refuse control and bidi characters', () => {
  assert.equal(ProfilePatchSchema.parse({ displayName: '  DJ Alice 🎧 ' }).displayName, 'DJ Alice 🎧');
  assert.equal(issuePath({ displayName: 'x'.repeat(81) }), 'displayName');
  assert.equal(issuePath({ displayName: 'evil\u202Egnp.exe' }), 'displayName');
  assert.equal(issuePath({ displayName: 'two\nlines' }), 'displayName');
});

test('bios keep line breaks and stay under 500 characters', () => {
  assert.equal(ProfilePatchSchema.parse({ bio: 'line one\r\nline two\n' }).bio, 'line one\nline two');
  assert.equal(issuePath({ bio: 'x'.repeat(501) }), 'bio');
  assert.equal(issuePath({ bio: 'bell\u0007' }), 'bio');
});

test('social links: known networks, https only, bounded length', () => {
  assert.deepEqual(ProfilePatchSchema.parse({ socialLinks: { instagram: 'https://instagram.com/alice' } }), {
    socialLinks: { instagram: 'https://instagram.com/alice' },
  });
  assert.equal(issuePath({ socialLinks: { instagram: 'http://instagram.com/alice' } }), 'socialLinks.instagram');
  assert.equal(issuePath({ socialLinks: { website: 'javascript:alert(1)' } }), 'socialLinks.website');
  assert.equal(issuePath({ socialLinks: { website: 'https://user:pw@example.com' } }), 'socialLinks.website');
  assert.equal(issuePath({ socialLinks: { website: `https://example.com/${'a'.repeat(200)}` } }), 'socialLinks.website');
  assert.equal(issuePath({ socialLinks: { myspace: 'https://myspace.com/alice' } }), 'socialLinks.myspace');
});

test('unknown fields are refused', () => {
  assert.equal(issuePath({ email: 'x@example.com' }), 'email');
  assert.equal(issuePath({ level: 99 }), 'level');
});
