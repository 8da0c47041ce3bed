// How a file gets to its target: one static gain, plus the true-peak limiter only when that gain
// would push the peak past the ceiling. Corrections after a re-measure adjust the same two knobs.

import type { AudioContainer } from '../types.ts';

export interface RenderPlan {
  gainDb: number;
  /** Ceiling handed to the limiter, or null for pure gain. */
  limiterCeilingDb: number | null;
}

/** Loudness may miss the target by this much before another pass is made. */
export const LOUDNESS_TOLERANCE_LU = 0.1;

/**
 * Headroom kept below the ceiling. Lossless output only needs to cover interpolator differences
 * near Nyquist; an MP3 encode reshapes the waveform and can raise the true peak by ~0.5 dB.
 */
export function safetyMarginDb(format: AudioContainer): number {
  return format === 'mp3' ? 1.0 : 0.3;
}

export function planRender(
  input: { integratedLufs: number | null; flatTruePeakDbtp: number | null },
  targetLufs: number,
  ceilingDbtp: number,
  format: AudioContainer,
): RenderPlan {
  // Silence (no gated block) has no loudness to correct: it is copied at unity gain.
  if (input.integratedLufs === null) return { gainDb: 0, limiterCeilingDb: null };
  const gainDb = targetLufs - input.integratedLufs;
  const limit = ceilingDbtp - safetyMarginDb(format);
  const peakAfter = input.flatTruePeakDbtp === null ? -Infinity : input.flatTruePeakDbtp + gainDb;
  return { gainDb, limiterCeilingDb: peakAfter > limit ? limit : null };
}

export interface PassResult {
  plan: RenderPlan;
  integratedLufs: number | null;
  flatTruePeakDbtp: number | null;
}

export interface CorrectionContext {
  input: { integratedLufs: number | null; flatTruePeakDbtp: number | null };
  targetLufs: number;
  ceilingDbtp: number;
  format: AudioContainer;
}

/** Known points (gain → output loudness): the passes so far, plus the largest gain the limiter would ignore. */
function loudnessPoints(passes: PassResult[], ctx: CorrectionContext, limit: number): [number, number][] {
  const points: [number, number][] = [];
  const { integratedLufs, flatTruePeakDbtp } = ctx.input;
  if (integratedLufs !== null && flatTruePeakDbtp !== null) {
    // Below this gain nothing reaches the limiter, so loudness moves one-for-one with the gain.
    const idle = limit - flatTruePeakDbtp;
    points.push([idle, integratedLufs + idle]);
  }
  for (const p of passes) if (p.integratedLufs !== null) points.push([p.plan.gainDb, p.integratedLufs]);
  return points;
}

/**
 * The plan for another pass, or null when the last pass is within tolerance. A loudness miss
 * moves the gain along the secant through the last two known points: with the limiter working,
 * loudness rises less than the gain does, so stepping by the error alone would creep up on the
 * target. A peak over the ceiling lowers the limiter's ceiling by the excess.
 */
export function correctPlan(passes: PassResult[], ctx: CorrectionContext): RenderPlan | null {
  const last = passes[passes.length - 1];
  const { targetLufs, ceilingDbtp, format } = ctx;
  const loudnessError = last.integratedLufs === null ? 0 : targetLufs - last.integratedLufs;
  const peakExcess = last.flatTruePeakDbtp === null ? 0 : last.flatTruePeakDbtp - ceilingDbtp;
  const loudnessMiss = Math.abs(loudnessError) > LOUDNESS_TOLERANCE_LU;
  if (!loudnessMiss && peakExcess <= 0) return null;
  const defaultLimit = ceilingDbtp - safetyMarginDb(format);
  let gainDb = last.plan.gainDb;
  if (loudnessMiss) {
    let slope = 1;
    const points = loudnessPoints(passes, ctx, last.plan.limiterCeilingDb ?? defaultLimit);
    if (points.length >= 2 && last.plan.limiterCeilingDb !== null) {
      const [[g1, l1], [g2, l2]] = points.slice(-2);
      if (Math.abs(g2 - g1) > 1e-6) slope = Math.min(1, Math.max(0.2, (l2 - l1) / (g2 - g1)));
    }
    gainDb += loudnessError / slope;
  }
  let limiterCeilingDb = last.plan.limiterCeilingDb;
  if (peakExcess > 0) {
    limiterCeilingDb = (limiterCeilingDb ?? defaultLimit) - peakExcess - 0.05;
  } else if (limiterCeilingDb === null && ctx.input.flatTruePeakDbtp !== null) {
    // A gain raised to meet the target may now need the limiter.
    if (ctx.input.flatTruePeakDbtp + gainDb > defaultLimit) limiterCeilingDb = defaultLimit;
  }
  return { gainDb, limiterCeilingDb };
}
