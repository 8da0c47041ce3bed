import type { RouteModule } from '../../types.ts';
import deleteLoudnessJob from './delete-loudness-job.ts';
import deleteLoudnessPreset from './delete-loudness-preset.ts';
import getLoudnessJobDownload from './get-loudness-job-download.ts';
import getLoudnessJobEvents from './get-loudness-job-events.ts';
import getLoudnessJobReport from './get-loudness-job-report.ts';
import getLoudnessJob from './get-loudness-job.ts';
import getLoudnessJobs from './get-loudness-jobs.ts';
import getLoudnessPresets from './get-loudness-presets.ts';
import getLoudnessUsage from './get-loudness-usage.ts';
import patchAdminLoudnessTier from './patch-admin-loudness-tier.ts';
import postLoudnessJob from './post-loudness-job.ts';
import postLoudnessPreset from './post-loudness-preset.ts';

export const loudnessRoutes: RouteModule[] = [
  getLoudnessPresets,
  postLoudnessPreset,
  deleteLoudnessPreset,
  postLoudnessJob,
  getLoudnessJobs,
  getLoudnessJob,
  getLoudnessJobEvents,
  getLoudnessJobDownload,
  getLoudnessJobReport,
  deleteLoudnessJob,
  getLoudnessUsage,
  patchAdminLoudnessTier,
];
