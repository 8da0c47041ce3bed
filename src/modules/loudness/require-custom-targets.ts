import { AppError } from '../../errors.ts';
import type { LoudnessTier } from './tables.ts';
import { TIERS } from './tiers.ts';

/** Custom targets (a loudness of your own, or a saved preset) are for paid tiers: free gets 402. */
export function requireCustomTargets(tier: LoudnessTier): void {
  if (TIERS[tier].customTargets) return;
  throw new AppError(
    'payment_required',
    'Custom loudness targets and your own presets need a premium or premium+ plan; on the free plan choose a built-in preset',
    { tier, requiredTiers: ['premium', 'premium_plus'] },
  );
}
