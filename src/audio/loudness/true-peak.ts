import type { PcmBlock } from '../types.ts';
import { flatInterpolator, referenceInterpolator, type PolyphaseInterpolator } from './interpolator.ts';
import { createPeakKernel, RUN } from './peak-kernel.ts';

export type TruePeakMode = 'reference' | 'flat';

export interface TruePeakDetector {
  push(block: PcmBlock): void;
  /** Largest |sample| seen so far. */
  samplePeakLinear(): number;
  /** Largest inter-sample |value| so far (never below the sample peak). */
  maxLinear(): number;
}

/** Largest |value| over phases 1…P−1 for positions [from, to) of `w` (window of i: w[i, i+taps)). */
function scanPhases(f: PolyphaseInterpolator, w: Float32Array, from: number, to: number): number {
  const { phases, taps, coefficients } = f;
  let m = 0;
  for (let n = from; n < to; n++) {
    for (let p = 1; p < phases; p++) {
      const base = p * taps;
      let acc = 0;
      for (let i = 0; i < taps; i++) acc += coefficients[base + i] * w[n + i];
      const v = acc < 0 ? -acc : acc;
      if (v > m) m = v;
    }
  }
  return m;
}

function absMax(x: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = from; i < to; i++) {
    const v = x[i] < 0 ? -x[i] : x[i];
    if (v > m) m = v;
  }
  return m;
}

/**
 * Streaming true-peak detector over all channels.
 * - 'reference' reproduces libebur128's readings (4× below 96 kHz, 2× from 96 kHz up).
 * - 'flat' follows the real inter-sample peak to within 0.1 dB up to 0.9 × Nyquist and also
 *   counts the ringing after the last sample, so it is the one to decide ceilings with.
 */
export function createTruePeakDetector(channels: number, sampleRate: number, mode: TruePeakMode): TruePeakDetector {
  const f = mode === 'flat' ? flatInterpolator() : referenceInterpolator(sampleRate);
  const kernel = createPeakKernel(f);
  // The last taps − 1 samples of each channel: the next block's first windows start there.
  const history = Array.from({ length: channels }, () => new Float32Array(f.taps - 1));
  let scratch = new Float32Array(0);
  let peak = 0;
  let samplePeak = 0;

  function workArea(length: number): Float32Array {
    if (kernel) {
      kernel.reserve(length);
      return kernel.input();
    }
    if (scratch.length < length) scratch = new Float32Array(Math.max(length, 2 * scratch.length));
    return scratch;
  }

  function scanRange(w: Float32Array, from: number, to: number): number {
    if (!kernel) return scanPhases(f, w, from, to);
    const groups = (to - from) >> 2;
    const m = groups > 0 ? kernel.peak(from, groups) : 0;
    return Math.max(m, scanPhases(f, w, from + 4 * groups, to));
  }

  /**
   * Running maximum after the `positions` windows of w (w holds positions + taps − 1 samples).
   * Positions go in runs of RUN; a run whose inputs' max × the filter's gain cannot beat the
   * running maximum is skipped. Exact, and on loud music most runs are skipped.
   */
  function scan(w: Float32Array, positions: number, running: number): number {
    const fullRuns = Math.floor(positions / RUN);
    let a = 0;
    if (kernel) {
      running = Math.max(running, kernel.scan(0, fullRuns, running));
      a = fullRuns * RUN;
    }
    for (; a < positions; a += RUN) {
      const b = Math.min(positions, a + RUN);
      if (absMax(w, a, b + f.taps - 1) * f.gain > running) running = Math.max(running, scanRange(w, a, b));
    }
    return running;
  }

  return {
    push(block) {
      const n = block.frames;
      if (n === 0) return;
      const h = f.taps - 1;
      for (let c = 0; c < channels; c++) {
        const w = workArea(h + n);
        w.set(history[c], 0);
        w.set(block.channels[c].subarray(0, n), h);
        const whole = n >> 2;
        const m = Math.max(kernel ? kernel.absMax(h, whole) : absMax(w, h, h + 4 * whole), absMax(w, h + 4 * whole, h + n));
        if (m > samplePeak) samplePeak = m;
        // Phase 0 of every interpolator is the sample itself, so the sample peak is a floor.
        if (samplePeak > peak) peak = samplePeak;
        peak = scan(w, n, peak);
        history[c].set(w.subarray(n, n + h));
      }
    },
    samplePeakLinear: () => samplePeak,
    maxLinear() {
      if (mode !== 'flat') return peak;
      // Ringing after the last sample counts: a reconstruction filter would produce it.
      let withTail = peak;
      const h = f.taps - 1;
      for (const hist of history) {
        const w = workArea(2 * h);
        w.fill(0, h, 2 * h);
        w.set(hist, 0);
        withTail = scan(w, h, withTail);
      }
      return withTail;
    },
  };
}

/** Flat true peak of whole planar channels, linear. */
export function measureFlatTruePeak(channels: Float32Array[], sampleRate: number): number {
  const d = createTruePeakDetector(channels.length, sampleRate, 'flat');
  d.push({ channels, frames: channels[0]?.length ?? 0 });
  return d.maxLinear();
}
