// Decimation used to build band-limited test signals (Tech 3341 cases 20–23).

import { besselI0 } from '../bessel-i0.ts';

/**
 * Low-passes `x` (at `factor` × the target rate) below 0.45 of the target rate's sample rate
 * and keeps every `factor`-th sample starting at `offset`. Kaiser-windowed sinc, 64 target
 * samples long, > 80 dB stop-band: images never reach a 0.1 dB reading.
 */
export function lowPassDecimate(x: Float32Array, factor: number, offset: number): Float32Array {
  const half = 32 * factor;
  const cutoff = 0.45 / factor; // cycles per input sample
  const beta = 8;
  const h = new Float64Array(2 * half + 1);
  let sum = 0;
  for (let k = -half; k <= half; k++) {
    const u = 2 * cutoff * k;
    const s = k === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    const r = k / half;
    h[k + half] = s * (besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta));
    sum += h[k + half];
  }
  for (let i = 0; i < h.length; i++) h[i] /= sum;
  const out = new Float32Array(Math.floor((x.length - offset + factor - 1) / factor));
  for (let m = 0; m < out.length; m++) {
    const centre = m * factor + offset;
    let acc = 0;
    const lo = Math.max(-half, centre - (x.length - 1));
    const hi = Math.min(half, centre);
    for (let k = lo; k <= hi; k++) acc += h[k + half] * x[centre - k];
    out[m] = acc;
  }
  return out;
}
