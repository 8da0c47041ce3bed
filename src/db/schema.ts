// Kysely's view of the schema. It mirrors migrations/*.sql; keep the two in step.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  role: ColumnType<'user' | 'admin', 'user' | 'admin' | undefined, 'user' | 'admin'>;
  email_confirmed_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  user_id: string;
  family_id: string;
  token_hash: string;
  successor_id: string | null;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

export interface EmailTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: 'confirm_email' | 'reset_password';
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  created_at: Generated<Date>;
}

export interface ApiKeysTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface ProfilesTable {
  user_id: string;
  username: string | null;
  display_name: string | null;
  bio: string | null;
  avatar_key: string | null;
  public_slug: string | null;
  social_links: Json<Record<string, string>>;
  level: Generated<number>;
  xp: Generated<number>;
  current_streak: Generated<number>;
  longest_streak: Generated<number>;
  last_active_date: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
}

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface JobsTable {
  id: string;
  queue: string;
  owner_id: string | null;
  status: Generated<JobStatus>;
  progress: Generated<number>;
  attempt: Generated<number>;
  message: string | null;
  error: string | null;
  result: Json | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DB {
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  email_tokens: EmailTokensTable;
  login_attempts: LoginAttemptsTable;
  api_keys: ApiKeysTable;
  profiles: ProfilesTable;
  mail_outbox: MailOutboxTable;
  jobs: JobsTable;
}
