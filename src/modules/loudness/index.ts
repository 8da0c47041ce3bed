// The loudness service: upload a mix, normalize it to a preset in the background, download it with a
// before/after report. Tiers and monthly quotas decide who may upload what. See docs/loudness-service.md.
export { createLoudnessJob, LOUDNESS_QUEUE, type StoredUpload } from './create-loudness-job.ts';
export { createLoudnessPreset } from './create-loudness-preset.ts';
export { deleteLoudnessJob } from './delete-loudness-job.ts';
export { deleteLoudnessPreset } from './delete-loudness-preset.ts';
export { expireLoudnessJobs } from './expire-loudness-jobs.ts';
export { getLoudnessDownload } from './get-loudness-download.ts';
export { getLoudnessJob } from './get-loudness-job.ts';
export { getLoudnessReport } from './get-loudness-report.ts';
export { getLoudnessTier } from './get-loudness-tier.ts';
export { getLoudnessUsage } from './get-loudness-usage.ts';
export { listLoudnessJobs } from './list-loudness-jobs.ts';
export { AUDIO_MIME } from './mime-types.ts';
export { listLoudnessPresets } from './list-loudness-presets.ts';
export { precheckUpload } from './precheck-upload.ts';
export { registerLoudnessJobs } from './register-loudness-jobs.ts';
export { setLoudnessTier } from './set-loudness-tier.ts';
export { TIERS, TIER_NAMES } from './tiers.ts';
export type { LoudnessTier, OutputFormat } from './tables.ts';
export type { LoudnessJobView } from './loudness-job-view.ts';
export type { TargetRequest } from './resolve-target.ts';
