// Test-only true-peak reader, deliberately independent of the production interpolators: a long
// (128-tap) Blackman-windowed sinc evaluated at 8 points per sample interval, no shortcuts.
// Tests use it to check ceilings; it stays flat to well above 20 kHz at 44.1 kHz.

const FACTOR = 8;
const HALF = 64;

const kernels: Float64Array[] = [];
for (let k = 1; k < FACTOR; k++) {
  const f = k / FACTOR;
  const kernel = new Float64Array(2 * HALF);
  for (let j = 0; j < 2 * HALF; j++) {
    const t = f - (j - HALF + 1);
    const u = (t + HALF) / (2 * HALF); // 0..1 across the window
    const w = 0.42 - 0.5 * Math.cos(2 * Math.PI * u) + 0.08 * Math.cos(4 * Math.PI * u);
    kernel[j] = (Math.sin(Math.PI * t) / (Math.PI * t)) * w;
  }
  kernels.push(kernel);
}

/** Largest |value| of the 8× band-limited reconstruction of all channels (linear). */
export function independentTruePeak(channels: Float32Array[]): number {
  let peak = 0;
  for (const x of channels) {
    const n = x.length;
    const at = (i: number) => (i >= 0 && i < n ? x[i] : 0);
    for (let i = 0; i < n; i++) {
      const v = Math.abs(x[i]);
      if (v > peak) peak = v;
      for (const kernel of kernels) {
        let acc = 0;
        const start = i - HALF + 1;
        if (start >= 0 && start + 2 * HALF <= n) {
          for (let j = 0; j < 2 * HALF; j++) acc += kernel[j] * x[start + j];
        } else {
          for (let j = 0; j < 2 * HALF; j++) acc += kernel[j] * at(start + j);
        }
        const a = Math.abs(acc);
        if (a > peak) peak = a;
      }
    }
  }
  return peak;
}

export function independentTruePeakDb(channels: Float32Array[]): number {
  return 20 * Math.log10(independentTruePeak(channels));
}
