// K-weighting of BS.1770: a high-frequency shelf followed by a high-pass, designed for any
// rate from the analogue prototypes (the formulas libebur128 and ffmpeg use), not the RBJ
// cookbook, whose shelf reads 0.04–0.05 dB low above 100 Hz.

/** Normalised biquad: y = b0·x + b1·x[-1] + b2·x[-2] − a1·y[-1] − a2·y[-2]. */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

export interface KWeighting {
  shelf: Biquad;
  highPass: Biquad;
}

const SHELF_F0 = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
const SHELF_VB_EXPONENT = 0.4996667741545416;
const HIGH_PASS_F0 = 38.13547087602444;
const HIGH_PASS_Q = 0.5003270373238773;

export function kWeightingCoefficients(sampleRate: number): KWeighting {
  let k = Math.tan((Math.PI * SHELF_F0) / sampleRate);
  const vh = 10 ** (SHELF_GAIN_DB / 20);
  const vb = vh ** SHELF_VB_EXPONENT;
  let a0 = 1 + k / SHELF_Q + k * k;
  const shelf: Biquad = {
    b0: (vh + (vb * k) / SHELF_Q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / SHELF_Q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / SHELF_Q + k * k) / a0,
  };
  k = Math.tan((Math.PI * HIGH_PASS_F0) / sampleRate);
  a0 = 1 + k / HIGH_PASS_Q + k * k;
  const highPass: Biquad = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / HIGH_PASS_Q + k * k) / a0,
  };
  return { shelf, highPass };
}

/** Filter memory of one channel: [shelf x1, x2, y1, y2, high-pass y1, y2]. */
export function createKWeightingState(): Float64Array {
  return new Float64Array(6);
}

/**
 * Runs x[start, end) through both filters and returns Σ y² over the range. The output itself
 * is not kept: the meter only needs energies.
 */
export function kWeightedEnergy(
  kw: KWeighting,
  state: Float64Array,
  x: Float32Array,
  start: number,
  end: number,
): number {
  const { b0, b1, b2, a1, a2 } = kw.shelf;
  const c1 = kw.highPass.a1;
  const c2 = kw.highPass.a2;
  let x1 = state[0];
  let x2 = state[1];
  let y1 = state[2];
  let y2 = state[3];
  let z1 = state[4];
  let z2 = state[5];
  let sum = 0;
  for (let i = start; i < end; i++) {
    const x0 = x[i];
    const y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x0;
    // The high-pass numerator is 1, −2, 1 on the shelf output, written out to save multiplies.
    const z0 = y0 - 2 * y1 + y2 - c1 * z1 - c2 * z2;
    y2 = y1;
    y1 = y0;
    z2 = z1;
    z1 = z0;
    sum += z0 * z0;
  }
  // Decaying filter memory in silence would otherwise sink into subnormal numbers, which
  // are many times slower on x86; values this small change no reading.
  if (Math.abs(y1) + Math.abs(y2) + Math.abs(z1) + Math.abs(z2) < 1e-30) {
    y1 = y2 = z1 = z2 = 0;
  }
  state[0] = x1;
  state[1] = x2;
  state[2] = y1;
  state[3] = y2;
  state[4] = z1;
  state[5] = z2;
  return sum;
}
