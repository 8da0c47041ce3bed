// Polyphase windowed-sinc interpolator used to find inter-sample peaks. It is kept flat close to
// Nyquist (long Kaiser-windowed kernel, 8 phases) because a ceiling decided from an interpolator
// that under-reads high frequencies lets real overs through.
import { besselI0 } from '../bessel-i0.ts';

export interface PeakInterpolator {
  /** Points evaluated per input sample interval (phase 0 is the sample itself). */
  factor: number;
  /** Samples used on each side: value at n + k/factor reads x[n - halfTaps + 1 .. n + halfTaps]. */
  halfTaps: number;
  /** phases[k - 1][j] multiplies x[n - halfTaps + 1 + j] for the point n + k/factor, k = 1..factor-1. */
  phases: Float64Array[];
  /**
   * Exact cheap bound: every interpolated point between n and n + 1 is at most
   * linearBound × max(|x[n]|, |x[n+1]|) + curvatureBound × max|Δ²x| over the kernel span.
   * Low-frequency content has a small second difference, so most samples are cleared without
   * running the filter.
   */
  linearBound: number;
  curvatureBound: number;
  /**
   * Per-position weights for a tighter bound: the curvature part is at most
   * Σ_i curvatureWeights[i] × |Δ²x[n − halfTaps + 1 + i]| (i = 0 … 2·halfTaps − 1).
   */
  curvatureWeights: Float64Array;
}

/**
 * Splits one phase into a two-tap linear part and a remainder written over second differences:
 * Σ c_j x_j = l0·x[n] + l1·x[n+1] + Σ e_i Δ²x_i. Returns [|l0| + |l1|, Σ|e_i|].
 */
function phaseBounds(coefs: Float64Array, halfTaps: number, weights: Float64Array): [number, number] {
  const pos = (j: number) => j - halfTaps + 1;
  let sum = 0;
  let moment = 0;
  for (let j = 0; j < coefs.length; j++) {
    sum += coefs[j];
    moment += pos(j) * coefs[j];
  }
  const l1 = moment;
  const l0 = sum - moment;
  const rest = Float64Array.from(coefs);
  rest[halfTaps - 1] -= l0;
  rest[halfTaps] -= l1;
  // e_i = Σ_{k<i} (i − k)·rest_k vanishes outside the span because rest has zero 0th and 1st moments.
  // e_i multiplies Δ²x centred on kernel position i; the ends are zero.
  let curvature = 0;
  for (let i = 0; i < coefs.length; i++) {
    let e = 0;
    for (let k = 0; k < i; k++) e += (i - k) * rest[k];
    curvature += Math.abs(e);
    weights[i] = Math.max(weights[i], Math.abs(e));
  }
  return [Math.abs(l0) + Math.abs(l1), curvature];
}

export function designPeakInterpolator(factor = 8, halfTaps = 24, beta = 8): PeakInterpolator {
  const phases: Float64Array[] = [];
  let linearBound = 1;
  let curvatureBound = 0;
  const curvatureWeights = new Float64Array(2 * halfTaps);
  const norm = besselI0(beta);
  for (let k = 1; k < factor; k++) {
    const f = k / factor;
    const coefs = new Float64Array(2 * halfTaps);
    let sum = 0;
    for (let j = 0; j < 2 * halfTaps; j++) {
      const t = f - (j - halfTaps + 1);
      const u = t / halfTaps;
      const window = Math.abs(u) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - u * u)) / norm;
      coefs[j] = (Math.sin(Math.PI * t) / (Math.PI * t)) * window;
      sum += coefs[j];
    }
    // Unity gain at DC so a constant signal interpolates to itself.
    for (let j = 0; j < coefs.length; j++) coefs[j] /= sum;
    phases.push(coefs);
    const [lin, curv] = phaseBounds(coefs, halfTaps, curvatureWeights);
    linearBound = Math.max(linearBound, lin);
    curvatureBound = Math.max(curvatureBound, curv);
  }
  // Headroom for float rounding in the bound itself.
  for (let i = 0; i < curvatureWeights.length; i++) curvatureWeights[i] *= 1.001;
  return { factor, halfTaps, phases, linearBound: linearBound * (1 + 1e-9), curvatureBound: curvatureBound * 1.001, curvatureWeights };
}

/**
 * Largest |value| over the points n, n + 1/factor, …, n + (factor-1)/factor of one channel.
 * x must hold halfTaps - 1 samples before n and halfTaps after it.
 */
export function peakAround(x: Float32Array, n: number, interp: PeakInterpolator): number {
  let peak = Math.abs(x[n]);
  const start = n - interp.halfTaps + 1;
  const taps = 2 * interp.halfTaps;
  const phases = interp.phases;
  for (let k = 0; k < phases.length; k++) {
    const coefs = phases[k];
    let acc = 0;
    for (let j = 0; j < taps; j++) acc += coefs[j] * x[start + j];
    const a = acc < 0 ? -acc : acc;
    if (a > peak) peak = a;
  }
  return peak;
}
