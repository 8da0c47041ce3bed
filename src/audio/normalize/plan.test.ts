import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctPlan, planRender, safetyMarginDb, type CorrectionContext } from './plan.ts';

test('pure gain when the peak stays under ceiling − margin, limiter otherwise', () => {
  assert.deepEqual(planRender({ integratedLufs: -30, flatTruePeakDbtp: -12 }, -23, -1, 'wav'), { gainDb: 7, limiterCeilingDb: null });
  assert.deepEqual(planRender({ integratedLufs: -20, flatTruePeakDbtp: -2 }, -14, -1, 'flac'), { gainDb: 6, limiterCeilingDb: -1.3 });
  assert.equal(planRender({ integratedLufs: -20, flatTruePeakDbtp: -7.5 }, -14, -1, 'mp3').limiterCeilingDb, -2);
  assert.ok(safetyMarginDb('mp3') > safetyMarginDb('wav'));
  // Silence: nothing to correct.
  assert.deepEqual(planRender({ integratedLufs: null, flatTruePeakDbtp: null }, -14, -1, 'wav'), { gainDb: 0, limiterCeilingDb: null });
});

const ctx: CorrectionContext = { input: { integratedLufs: -20, flatTruePeakDbtp: -2 }, targetLufs: -14, ceilingDbtp: -1, format: 'wav' };

test('no further pass when on target and under the ceiling', () => {
  const plan = { gainDb: 6, limiterCeilingDb: -1.3 };
  assert.equal(correctPlan([{ plan, integratedLufs: -14.05, flatTruePeakDbtp: -1.2 }], ctx), null);
});

test('a pure-gain miss moves the gain by the error', () => {
  const plan = { gainDb: 6, limiterCeilingDb: null };
  const quiet = { ...ctx, input: { integratedLufs: -20, flatTruePeakDbtp: -12 } };
  const next = correctPlan([{ plan, integratedLufs: -14.3, flatTruePeakDbtp: -6 }], quiet)!;
  assert.ok(Math.abs(next.gainDb - 6.3) < 1e-9);
  assert.equal(next.limiterCeilingDb, null);
});

test('with the limiter, the gain follows the secant so it does not creep up on the target', () => {
  // Limiter idle up to gain 0.7 (−1.3 − (−2)), where loudness is −19.3; at gain 6 it read −15.
  const plan = { gainDb: 6, limiterCeilingDb: -1.3 };
  const next = correctPlan([{ plan, integratedLufs: -15, flatTruePeakDbtp: -1.3 }], ctx)!;
  const slope = (-15 - -19.3) / (6 - 0.7);
  assert.ok(Math.abs(next.gainDb - (6 + 1 / slope)) < 1e-9);
  assert.equal(next.limiterCeilingDb, -1.3);
});

test('a peak over the ceiling tightens the limiter', () => {
  const plan = { gainDb: 6, limiterCeilingDb: -1.3 };
  const next = correctPlan([{ plan, integratedLufs: -14, flatTruePeakDbtp: -0.8 }], ctx)!;
  assert.equal(next.gainDb, 6);
  assert.ok(Math.abs(next.limiterCeilingDb! - (-1.3 - 0.2 - 0.05)) < 1e-9);
  // A pure-gain render that went over gets the limiter.
  const pure = correctPlan([{ plan: { gainDb: 6, limiterCeilingDb: null }, integratedLufs: -14, flatTruePeakDbtp: -0.9 }], ctx)!;
  assert.ok(pure.limiterCeilingDb !== null && pure.limiterCeilingDb < -1.3);
});
