// The SQL the profile services share: one row per user, joined to the account it belongs to.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface ProfileRow {
  id: string;
  email: string;
  role: 'user' | 'admin';
  created_at: Date;
  username: string | null;
  display_name: string | null;
  bio: string | null;
  avatar_key: string | null;
  public_slug: string | null;
  social_links: Record<string, string> | null;
  level: number | null;
  xp: number | null;
  current_streak: number | null;
  longest_streak: number | null;
}

// A left join: a user whose profile row is missing still has a (blank) profile.
function selectProfiles(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .leftJoin('profiles as p', 'p.user_id', 'u.id')
    .select([
      'u.id',
      'u.email',
      'u.role',
      'u.created_at',
      'p.username',
      'p.display_name',
      'p.bio',
      'p.avatar_key',
      'p.public_slug',
      'p.social_links',
      'p.level',
      'p.xp',
      'p.current_streak',
      'p.longest_streak',
    ]);
}

export async function selectProfileByUserId(db: Kysely<DB>, userId: string): Promise<ProfileRow | undefined> {
  return selectProfiles(db).where('u.id', '=', userId).executeTakeFirst();
}

/** `name` must already be lower-case: the lookup matches the `lower(username)` unique index. */
export async function selectProfileByUsername(db: Kysely<DB>, name: string): Promise<ProfileRow | undefined> {
  return selectProfiles(db)
    .where((eb) => eb(eb.fn('lower', ['p.username']), '=', name))
    .executeTakeFirst();
}

/** Creates the blank row signup normally makes, for users created before profiles existed. */
export async function ensureProfileRow(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .insertInto('profiles')
    .values({ user_id: userId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}
