import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { getMyProfile } from './get-my-profile.ts';
import type { Profile, ProfilePatch } from './schemas.ts';
import { conflictFromUniqueViolation } from './unique-violation.ts';

// Empty text means "not set", so the column holds NULL rather than a blank string.
const orNull = (value: string | null | undefined) => (value === undefined ? undefined : value || null);

/** Applies a validated patch (see ProfilePatchSchema) and returns the updated profile. */
export async function updateProfile(
  ctx: Pick<AppContext, 'database' | 'config'>,
  input: { userId: string; patch: ProfilePatch },
): Promise<Profile> {
  const { patch } = input;
  const changes = {
    username: orNull(patch.username),
    display_name: orNull(patch.displayName),
    bio: orNull(patch.bio),
    public_slug: orNull(patch.publicSlug),
    social_links: patch.socialLinks === undefined ? undefined : JSON.stringify(patch.socialLinks),
  };
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  try {
    // An upsert: the row signup creates may be missing for older accounts.
    await ctx.database.db
      .insertInto('profiles')
      .values({ user_id: input.userId, ...set })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...set, updated_at: sql`now()` }))
      .execute();
  } catch (err) {
    // The account was deleted while its token was still valid.
    if ((err as { code?: string }).code === '23503') throw notFound('User');
    throw conflictFromUniqueViolation(err) ?? err;
  }
  return getMyProfile(ctx, { userId: input.userId });
}
