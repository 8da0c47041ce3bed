/** An expected reading: passes when value − below ≤ reading ≤ value + above. */
export interface Expected {
  value: number;
  below: number;
  above: number;
}

export interface ComplianceExpectation {
  integratedLufs?: Expected;
  maxMomentaryLufs?: Expected;
  maxShortTermLufs?: Expected;
  truePeakDbtp?: Expected;
  loudnessRangeLu?: Expected;
  /** Momentary loudness must stay at this value from `fromSeconds` to the end. */
  momentaryFrom?: Expected & { fromSeconds: number };
  /** Short-term loudness must stay at this value from `fromSeconds` to the end. */
  shortTermFrom?: Expected & { fromSeconds: number };
}

export interface ComplianceSignal {
  channels: Float32Array[];
  expect: ComplianceExpectation;
}

export interface ComplianceCase {
  id: string;
  description: string;
  sampleRate: number;
  /** Most cases are one signal; 3341 cases 10, 11, 13 and 14 are twenty. */
  signals: ComplianceSignal[];
}

export function within(value: number, tolerance: number): Expected {
  return { value, below: tolerance, above: tolerance };
}

export function isWithin(reading: number | null | undefined, e: Expected): boolean {
  return reading != null && reading >= e.value - e.below - 1e-9 && reading <= e.value + e.above + 1e-9;
}
