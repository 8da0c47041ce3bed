import type { Config } from '../../config.ts';
import type { ProfileRow } from './profile-queries.ts';
import { SOCIAL_NETWORKS, type Profile, type PublicProfile, type SocialLinks } from './schemas.ts';

/** Avatars are served by the app itself, so the URL works the same on local disk and on S3. */
export function avatarUrl(config: Pick<Config, 'publicUrl'>, key: string | null): string | null {
  return key ? `${config.publicUrl}/api/storage/public/${key}` : null;
}

// Only known networks with string values make it out, whatever the jsonb column holds.
function socialLinks(value: unknown): SocialLinks {
  const links: SocialLinks = {};
  if (!value || typeof value !== 'object') return links;
  for (const network of SOCIAL_NETWORKS) {
    const link = (value as Record<string, unknown>)[network];
    if (typeof link === 'string') links[network] = link;
  }
  return links;
}

export function toPublicProfile(config: Pick<Config, 'publicUrl'>, row: ProfileRow): PublicProfile {
  return {
    username: row.username,
    displayName: row.display_name,
    bio: row.bio,
    avatarUrl: avatarUrl(config, row.avatar_key),
    publicSlug: row.public_slug,
    socialLinks: socialLinks(row.social_links),
    level: row.level ?? 1,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function toProfile(config: Pick<Config, 'publicUrl'>, row: ProfileRow): Profile {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    ...toPublicProfile(config, row),
    xp: row.xp ?? 0,
    currentStreak: row.current_streak ?? 0,
    longestStreak: row.longest_streak ?? 0,
  };
}
