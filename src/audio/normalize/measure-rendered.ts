// Measures a rendered stream while it is being encoded (lossless output only, where the file
// holds the rendered samples to within 24-bit rounding).

import { analyzeAudio, type AnalysisResult } from '../loudness/analyze.ts';
import { LoudnessMeter } from '../loudness/meter.ts';
import type { AudioDecoder } from '../types.ts';
import type { RenderPlan } from './plan.ts';

const shift = (db: number | null, by: number) => (db === null ? null : db + by);

/**
 * With the limiter, everything is metered. With pure gain the output is the input times one
 * constant; interpolation is linear, so both true peaks are the input's plus the gain, and only
 * loudness (whose absolute gate does not scale) and the sample peak are metered again.
 */
export async function measureRendered(
  rendered: AudioDecoder,
  plan: RenderPlan,
  input: AnalysisResult,
  series: boolean,
  onProgress?: (fraction: number) => void,
): Promise<AnalysisResult> {
  if (plan.limiterCeilingDb !== null) return analyzeAudio(rendered, { flatTruePeak: true, series, onProgress });
  const { sampleRate, channels, format } = rendered.info;
  const meter = new LoudnessMeter({ sampleRate, channels, series, truePeak: false });
  let lastReported = 0;
  for await (const block of rendered.blocks()) {
    meter.push(block);
    const { bytesRead, totalBytes } = rendered.progress();
    const fraction = totalBytes ? bytesRead / totalBytes : 0;
    if (onProgress && fraction - lastReported >= 0.01) {
      lastReported = fraction;
      onProgress(Math.min(1, fraction));
    }
  }
  return {
    ...meter.result(),
    truePeakDbtp: shift(input.truePeakDbtp, plan.gainDb),
    flatTruePeakDbtp: shift(input.flatTruePeakDbtp ?? null, plan.gainDb),
    sampleRate,
    channels,
    format,
  };
}
