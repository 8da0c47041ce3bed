import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import { selectProfileByUserId } from './profile-queries.ts';
import type { Profile } from './schemas.ts';
import { toProfile } from './to-profile.ts';

export async function getMyProfile(ctx: Pick<AppContext, 'database' | 'config'>, input: { userId: string }): Promise<Profile> {
  const row = await selectProfileByUserId(ctx.database.db, input.userId);
  if (!row) throw notFound('User');
  return toProfile(ctx.config, row);
}
