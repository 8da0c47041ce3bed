import { writeSine } from './sine.ts';

/** One stretch of a test signal: a sine at `amplitude` (0 = silence) lasting `seconds`. */
export interface Segment {
  seconds: number;
  /** Peak amplitude; 0 or absent makes silence. */
  amplitude?: number;
  /** Hz; defaults to the builder's frequency. */
  frequency?: number;
  /** Raised-cosine fade in and out, in seconds (0 = hard edges). */
  fadeSeconds?: number;
}

export interface SegmentOptions {
  sampleRate: number;
  /** Default frequency of tone segments (Hz). */
  frequency?: number;
  /**
   * When true (the default) every tone continues one waveform from sample 0 so that level
   * changes keep the phase, as in the EBU test signals; when false each segment starts at phase 0.
   */
  continuousPhase?: boolean;
}

/** Concatenates tone and silence segments into one channel. */
export function concatSegments(segments: readonly Segment[], opts: SegmentOptions): Float32Array {
  const { sampleRate, frequency = 1000, continuousPhase = true } = opts;
  // Boundaries come from cumulative time so rounding never accumulates over many segments.
  const bounds = [0];
  let t = 0;
  for (const s of segments) {
    t += s.seconds;
    bounds.push(Math.round(t * sampleRate));
  }
  const out = new Float32Array(bounds[bounds.length - 1]);
  segments.forEach((s, i) => {
    const start = bounds[i];
    const end = bounds[i + 1];
    const amplitude = s.amplitude ?? 0;
    if (amplitude === 0 || end <= start) return;
    const f = (s.frequency ?? frequency) / sampleRate;
    writeSine(out, start, end, f, amplitude, 0, continuousPhase ? start : 0);
    if (s.fadeSeconds) applyFades(out, start, end, Math.round(s.fadeSeconds * sampleRate));
  });
  return out;
}

/** Raised-cosine fade-in at `start` and fade-out ending at `end`, each `fadeFrames` long. */
export function applyFades(x: Float32Array, start: number, end: number, fadeFrames: number): void {
  const n = Math.min(fadeFrames, Math.floor((end - start) / 2));
  for (let i = 0; i < n; i++) {
    const g = 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / n);
    x[start + i] *= g;
    x[end - 1 - i] *= g;
  }
}

/** The same content repeated `times` times end to end. */
export function repeatChannel(x: Float32Array, times: number): Float32Array {
  const out = new Float32Array(x.length * times);
  for (let i = 0; i < times; i++) out.set(x, i * x.length);
  return out;
}
