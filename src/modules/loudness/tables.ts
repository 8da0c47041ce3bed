// Kysely types of the loudness tables (migrations/0002_loudness_service.sql); keep the two in step.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;
/** A `date` column as 'YYYY-MM-DD'. Select it cast to text: node-postgres would turn it into a local-time Date. */
type DateColumn = string;

export type LoudnessTier = 'free' | 'premium' | 'premium_plus';
export type ProcessingStatus = 'queued' | 'processing' | 'completed' | 'failed' | 'expired';
export type OutputFormat = 'wav' | 'flac' | 'mp3';

export interface LoudnessTiersTable {
  user_id: string;
  tier: LoudnessTier;
  updated_at: Generated<Date>;
}

export interface LoudnessPresetsTable {
  id: Generated<string>;
  owner_id: string | null;
  slug: string | null;
  name: string;
  description: string | null;
  target_lufs: number;
  true_peak_dbtp: number;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
}

export interface LoudnessUsageTable {
  user_id: string;
  period: DateColumn;
  used: Generated<number>;
  updated_at: Generated<Date>;
}

export interface ProcessingJobsTable {
  id: string;
  owner_id: string;
  status: Generated<ProcessingStatus>;
  attempt: Generated<number>;
  tier: LoudnessTier;
  preset_id: string | null;
  preset_slug: string | null;
  preset_name: string | null;
  target_lufs: number;
  true_peak_dbtp: number;
  output_format: OutputFormat;
  usage_period: DateColumn;
  quota_refunded_at: Timestamp | null;
  input_stats: Json | null;
  output_stats: Json | null;
  gain_db: number | null;
  limiter: Json | null;
  passes: number | null;
  series: Json | null;
  error: string | null;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
  expires_at: Timestamp;
  expired_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AudioFilesTable {
  id: Generated<string>;
  owner_id: string;
  job_id: string;
  role: 'original' | 'output';
  storage_key: string;
  original_name: string | null;
  format: OutputFormat;
  size_bytes: number;
  created_at: Generated<Date>;
}
