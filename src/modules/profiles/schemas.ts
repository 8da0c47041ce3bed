// What a profile accepts and what it shows. Routes declare these as their body and response schemas,
// so the rules live with the module and the HTTP layer only wires them in.
import { z } from 'zod';

/** Names that would read as the platform speaking, or collide with paths in the web app. */
export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  'about', 'account', 'admin', 'administrator', 'api', 'app', 'auth', 'backbeat', 'billing', 'blog',
  'contact', 'dashboard', 'docs', 'edit', 'explore', 'help', 'login', 'logout', 'me', 'moderator',
  'new', 'null', 'official', 'privacy', 'profile', 'profiles', 'public', 'root', 'security', 'settings',
  'signin', 'signup', 'staff', 'static', 'storage', 'support', 'system', 'terms', 'undefined', 'www',
]);

export const HANDLE_PATTERN = /^[a-z0-9_]{3,30}$/;

/** Usernames and public slugs share one shape; both are stored lower-cased. */
export const HandleSchema = z
  .string()
  .toLowerCase()
  .min(3)
  .max(30)
  .regex(/^[a-z0-9_]+$/, 'may contain only letters, digits and underscores')
  .refine((name) => !RESERVED_HANDLES.has(name), 'is reserved');

// C0/C1 controls, and the bidi overrides that make text display in another order than it is stored.
const CONTROL_OR_BIDI = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_EXCEPT_NEWLINE_TAB = /[^\P{Cc}\n\t]|[\u202a-\u202e\u2066-\u2069]/u;

export const DisplayNameSchema = z
  .string()
  .trim()
  .max(80)
  .refine((s) => !CONTROL_OR_BIDI.test(s), 'must not contain control characters');

export const BioSchema = z
  .string()
  .overwrite((s) => s.replace(/\r\n?/g, '\n').trim())
  .max(500)
  .refine((s) => !CONTROL_EXCEPT_NEWLINE_TAB.test(s), 'must not contain control characters');

export const SOCIAL_NETWORKS = [
  'website', 'instagram', 'tiktok', 'youtube', 'soundcloud', 'spotify', 'x', 'bandcamp',
] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];
export type SocialLinks = Partial<Record<SocialNetwork, string>>;

function isHttpsUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    // Credentials in a link shown to others are either a mistake or a phishing trick.
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

const SocialLinkSchema = z.string().trim().max(200).refine(isHttpsUrl, 'must be an https:// URL');

const socialShape = <T extends z.ZodType>(item: T) =>
  Object.fromEntries(SOCIAL_NETWORKS.map((network) => [network, item.optional()])) as Record<
    SocialNetwork,
    z.ZodOptional<T>
  >;

/** Replaces the whole set of links; unknown networks are refused rather than dropped. */
export const SocialLinksSchema = z.strictObject(socialShape(SocialLinkSchema));

export const ProfilePatchSchema = z.strictObject({
  username: HandleSchema.nullable().optional(),
  displayName: DisplayNameSchema.nullable().optional(),
  bio: BioSchema.nullable().optional(),
  socialLinks: SocialLinksSchema.optional(),
  publicSlug: HandleSchema.nullable().optional(),
});
export type ProfilePatch = z.output<typeof ProfilePatchSchema>;

// Output shapes: z.object strips anything not named here, so a column added later never leaks.
const SocialLinksOutput = z.object(socialShape(z.string()));

export const PublicProfileSchema = z.object({
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  bio: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  publicSlug: z.string().nullable(),
  socialLinks: SocialLinksOutput,
  level: z.number().int(),
  createdAt: z.string().describe('ISO 8601 timestamp'),
});
export type PublicProfile = z.infer<typeof PublicProfileSchema>;

export const ProfileSchema = PublicProfileSchema.extend({
  id: z.string(),
  email: z.string(),
  role: z.enum(['user', 'admin']),
  xp: z.number().int(),
  currentStreak: z.number().int(),
  longestStreak: z.number().int(),
});
export type Profile = z.infer<typeof ProfileSchema>;
