import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { selectProfileByUsername } from './profile-queries.ts';
import { HANDLE_PATTERN, type PublicProfile } from './schemas.ts';
import { toPublicProfile } from './to-profile.ts';

/** Looks a profile up by username, case-insensitively. Anything that cannot be a username is simply unknown. */
export async function getPublicProfile(
  ctx: Pick<AppContext, 'database' | 'config'>,
  input: { username: string },
): Promise<PublicProfile> {
  const name = input.username.toLowerCase();
  if (!HANDLE_PATTERN.test(name)) throw notFound('Profile');
  const row = await selectProfileByUsername(ctx.database.db, name);
  if (!row) throw notFound('Profile');
  return toPublicProfile(ctx.config, row);
}
