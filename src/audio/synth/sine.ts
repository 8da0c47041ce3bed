/** Peak amplitude of a level given in dBFS (a sine at 0 dBFS has peak 1). */
export function dbfsToAmplitude(dbfs: number): number {
  return 10 ** (dbfs / 20);
}

export interface SineOptions {
  frequency: number;
  /** Peak amplitude (1 = 0 dBFS). */
  amplitude: number;
  sampleRate: number;
  seconds: number;
  /** Starting phase in radians. */
  phase?: number;
}

/** A sine of `round(seconds × sampleRate)` samples. */
export function sine({ frequency, amplitude, sampleRate, seconds, phase = 0 }: SineOptions): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  writeSine(out, 0, out.length, frequency / sampleRate, amplitude, phase, 0);
  return out;
}

/**
 * Writes `amplitude · sin(2π·cyclesPerSample·(firstIndex + i) + phase)` into out[start, end).
 * The phase is taken from the absolute index, so consecutive calls continue one waveform.
 */
export function writeSine(
  out: Float32Array,
  start: number,
  end: number,
  cyclesPerSample: number,
  amplitude: number,
  phase: number,
  firstIndex: number,
): void {
  const w = 2 * Math.PI * cyclesPerSample;
  for (let i = start; i < end; i++) out[i] = amplitude * Math.sin(w * (firstIndex + i - start) + phase);
}
