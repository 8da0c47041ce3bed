// What the loudness routes accept and answer. Response schemas keep anything undeclared out.
import { z } from 'zod';

export const IdParamsSchema = z.strictObject({ id: z.string().max(64) });

export const TierSchema = z.enum(['free', 'premium', 'premium_plus']);
export const OutputFormatSchema = z.enum(['wav', 'flac', 'mp3']);
export const StatusSchema = z.enum(['queued', 'processing', 'completed', 'failed', 'expired']);

export const PresetSchema = z.object({
  id: z.uuid(),
  slug: z.string().nullable().describe('Built-in presets only: a stable name to pass as presetId'),
  name: z.string(),
  description: z.string().nullable(),
  targetLufs: z.number(),
  truePeak: z.number().describe('True-peak ceiling, dBTP'),
  builtIn: z.boolean(),
  createdAt: z.iso.datetime(),
});

export const CreatePresetBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  targetLufs: z.number().min(-70).max(0),
  truePeak: z.number().min(-20).max(0),
  description: z.string().trim().max(500).optional(),
});

const AudioStatsSchema = z.object({
  integratedLufs: z.number().nullable(),
  loudnessRangeLu: z.number().nullable(),
  truePeakDbtp: z.number().nullable(),
  samplePeakDbfs: z.number().nullable(),
  maxMomentaryLufs: z.number().nullable(),
  maxShortTermLufs: z.number().nullable(),
  durationSeconds: z.number(),
  sampleRate: z.number().int(),
  channels: z.number().int(),
  format: z.string(),
});

export const LoudnessJobSchema = z.object({
  id: z.uuid(),
  status: StatusSchema,
  progress: z.number().int().min(0).max(100),
  message: z.string().optional(),
  preset: z.object({ id: z.uuid().nullable(), slug: z.string().nullable(), name: z.string() }).nullable(),
  targetLufs: z.number(),
  truePeakCeiling: z.number(),
  outputFormat: OutputFormatSchema,
  originalName: z.string().nullable().describe('The uploaded file name, sanitized; never used as a storage key'),
  input: AudioStatsSchema.nullable(),
  output: AudioStatsSchema.nullable(),
  gainDb: z.number().nullable(),
  limiter: z.object({ engaged: z.boolean(), maxReductionDb: z.number() }).nullable(),
  passes: z.number().int().nullable(),
  error: z.string().optional(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().describe('When the original and the result are deleted'),
});

export const AcceptedJobSchema = z.object({ job: z.object({ id: z.uuid(), status: z.literal('queued') }) });

export const JobListSchema = z.object({ items: z.array(LoudnessJobSchema), nextCursor: z.string().nullable() });

export const ListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

const PlaybackSchema = z
  .object({ gainDb: z.number(), playbackLufs: z.number(), limitedBy: z.enum(['no_boost', 'peak']).nullable() })
  .nullable();

export const ReportSchema = z.object({
  id: z.uuid(),
  targetLufs: z.number(),
  truePeakCeiling: z.number(),
  shortTerm: z.object({
    intervalSeconds: z.number(),
    input: z.array(z.number().nullable()),
    output: z.array(z.number().nullable()),
  }),
  platforms: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      referenceLufs: z.number(),
      turnsUp: z.boolean(),
      upPeakCeilingDbtp: z.number().nullable(),
      original: PlaybackSchema,
      result: PlaybackSchema,
    }),
  ),
});

export const UsageSchema = z.object({
  tier: TierSchema,
  period: z.string().describe('The calendar month (UTC), YYYY-MM'),
  used: z.number().int(),
  limit: z.number().int().nullable().describe('null: unlimited'),
  remaining: z.number().int().nullable(),
  resetsAt: z.iso.datetime(),
});
