import type { AppContext } from '../../app-context.ts';
import { deleteReplacedAvatar } from './delete-replaced-avatar.ts';
import { getMyProfile } from './get-my-profile.ts';
import type { Profile } from './schemas.ts';
import { swapAvatarKey } from './swap-avatar-key.ts';

/** Clears the avatar (a no-op when there is none) and deletes its object once the profile no longer uses it. */
export async function removeAvatar(
  ctx: Pick<AppContext, 'database' | 'config' | 'storage' | 'log'>,
  input: { userId: string },
): Promise<Profile> {
  const previous = await swapAvatarKey(ctx, input.userId, null);
  if (previous) await deleteReplacedAvatar(ctx, previous);
  return getMyProfile(ctx, { userId: input.userId });
}
