// What each loudness tier may do. Limits count uploads per calendar month (UTC); null is unlimited.
// Priority orders the queue: a higher number is picked first by the workers.
import type { LoudnessTier } from './tables.ts';

export interface TierPolicy {
  monthlyUploads: number | null;
  customTargets: boolean;
  priority: number;
}

export const TIERS: Record<LoudnessTier, TierPolicy> = {
  free: { monthlyUploads: 1, customTargets: false, priority: 0 },
  premium: { monthlyUploads: 4, customTargets: true, priority: 5 },
  premium_plus: { monthlyUploads: null, customTargets: true, priority: 10 },
};

export const TIER_NAMES = Object.keys(TIERS) as LoudnessTier[];
