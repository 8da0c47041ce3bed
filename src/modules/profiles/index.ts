// Profiles: the public face of an account (username, bio, avatar, links, level and streaks).
export { getMyProfile } from './get-my-profile.ts';
export { getPublicProfile } from './get-public-profile.ts';
export { updateProfile } from './update-profile.ts';
export { setAvatar } from './set-avatar.ts';
export { removeAvatar } from './remove-avatar.ts';
export { avatarTooLarge } from './avatar-too-large.ts';
export { avatarUrl } from './to-profile.ts';
export {
  ProfilePatchSchema,
  ProfileSchema,
  PublicProfileSchema,
  type Profile,
  type ProfilePatch,
  type PublicProfile,
} from './schemas.ts';
