import type { AnalysisReport, AnalysisResult } from '../../audio/loudness/analyze.ts';

/** What the API shows of one measurement (input or output): the report without its series. */
export type AudioStats = Omit<AnalysisReport, 'shortTermSeries'>;

const round = (x: number | null | undefined, places = 2): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** places) / 10 ** places;

export function audioStats(a: AnalysisResult): AudioStats {
  return {
    integratedLufs: round(a.integratedLufs),
    loudnessRangeLu: round(a.loudnessRangeLu),
    truePeakDbtp: round(a.truePeakDbtp),
    samplePeakDbfs: round(a.samplePeakDbfs),
    maxMomentaryLufs: round(a.maxMomentaryLufs),
    maxShortTermLufs: round(a.maxShortTermLufs),
    durationSeconds: round(a.durationSeconds, 3) ?? 0,
    sampleRate: a.sampleRate,
    channels: a.channels,
    format: a.format,
  };
}

/** The per-second short-term series, rounded to 0.01 LU (stored and served as is). */
export function roundedSeries(series: (number | null)[] | undefined): (number | null)[] {
  return (series ?? []).map((v) => round(v));
}
