// Kysely's view of the schema. It mirrors migrations/*.sql; keep the two in step.
import type { ColumnType, Generated } from 'kysely';
import type { AudioFilesTable, LoudnessPresetsTable, LoudnessTiersTable, LoudnessUsageTable, ProcessingJobsTable } from '../modules/loudness/tables.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  role: ColumnType<'user' | 'admin', 'user' | 'admin' | undefined, 'user' | 'admin'>;
  email_confirmed_at: Timestamp | null;
  password_changed_at: Timestamp | null;
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

export interface WalletsTable {
  user_id: string;
  balance: Generated<number>;
  is_pro: Generated<boolean>;
  next_refill_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type LedgerReason =
  | 'generation'
  | 'remix'
  | 'refund'
  | 'topup'
  | 'subscription'
  | 'daily_grant'
  | 'welcome'
  | 'admin_adjustment';

export interface TransactionsTable {
  id: Generated<string>;
  user_id: string;
  amount: number;
  reason: LedgerReason;
  metadata: Json<Record<string, unknown>>;
  idempotency_key: string | null;
  created_at: Generated<Date>;
}

export type SongTask = 'text2music' | 'retake' | 'repaint' | 'extend' | 'remix';
export type GenerationStatus = 'queued' | 'generating' | 'completed' | 'failed';

export interface SongsTable {
  id: Generated<string>;
  user_id: string | null;
  guest_id: string | null;
  parent_id: string | null;
  task: SongTask;
  engine: string;
  title: string;
  prompt: string;
  lyrics: string | null;
  duration_seconds: number;
  seed: number;
  params: Json<Record<string, unknown>>;
  status: Generated<GenerationStatus>;
  error: string | null;
  cost: Generated<number>;
  job_id: string | null;
  visibility: Generated<'private' | 'public'>;
  share_slug: string | null;
  is_favorite: Generated<boolean>;
  like_count: Generated<number>;
  play_count: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  completed_at: Timestamp | null;
}

export interface SongVariationsTable {
  id: Generated<string>;
  song_id: string;
  position: number;
  status: Generated<GenerationStatus>;
  seed: number;
  external_id: string | null;
  audio_key: string | null;
  sidecar_key: string | null;
  format: string | null;
  duration_seconds: number | null;
  sample_rate: number | null;
  channels: number | null;
  plan: Json | null;
  lrc: string | null;
  loudness: Json | null;
  timings: Json<Record<string, number>>;
  error: string | null;
  created_at: Generated<Date>;
  completed_at: Timestamp | null;
}

export interface GenerationRequestsTable {
  user_id: string;
  idempotency_key: string;
  request_hash: string;
  status_code: number;
  response: Json;
  created_at: Generated<Date>;
}

export interface GenerationUsageTable {
  user_id: string;
  period: string;
  used: Generated<number>;
}

export interface GenerationLogsTable {
  id: Generated<number>;
  song_id: string;
  step: string;
  message: string;
  created_at: Generated<Date>;
}

export interface LyricGenerationErrorsTable {
  id: Generated<string>;
  user_id: string | null;
  engine: string;
  request: Json;
  error: string;
  created_at: Generated<Date>;
}

export interface ProviderWebhookEventsTable {
  id: Generated<string>;
  provider: string;
  event_key: string;
  payload: Json;
  received_at: Generated<Date>;
  processed_at: Timestamp | null;
}

export interface ProviderWebhookFailuresTable {
  id: Generated<string>;
  provider: string;
  reason: string;
  body_excerpt: string | null;
  received_at: Generated<Date>;
}

export type InteractionKind = 'like' | 'play' | 'share';

export interface InteractionsTable {
  id: Generated<string>;
  user_id: string;
  song_id: string;
  kind: InteractionKind;
  created_at: Generated<Date>;
}

export interface PlayUsageTable {
  user_id: string;
  month: string;
  plays: Generated<number>;
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
  wallets: WalletsTable;
  transactions: TransactionsTable;
  songs: SongsTable;
  song_variations: SongVariationsTable;
  generation_requests: GenerationRequestsTable;
  generation_usage: GenerationUsageTable;
  generation_logs: GenerationLogsTable;
  lyric_generation_errors: LyricGenerationErrorsTable;
  provider_webhook_events: ProviderWebhookEventsTable;
  provider_webhook_failures: ProviderWebhookFailuresTable;
  interactions: InteractionsTable;
  play_usage: PlayUsageTable;
  loudness_tiers: LoudnessTiersTable;
  loudness_presets: LoudnessPresetsTable;
  loudness_usage: LoudnessUsageTable;
  processing_jobs: ProcessingJobsTable;
  audio_files: AudioFilesTable;
}
