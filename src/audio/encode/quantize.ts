// Float → integer PCM with clamping (never wrap-around) and optional TPDF dither.

/** xorshift32: fast, seedable, good enough to decorrelate dither from the signal. */
export function createXorshift32(seed = 0x9e3779b9): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

export interface Quantizer {
  /** Writes round(x · 2^(bits−1) + dither) clamped to the signed range into `out`. */
  quantize(src: Float32Array, out: Int32Array, outOffset: number, frames: number): void;
}

/**
 * Full scale is 2^(bits−1): −1.0 maps to the most negative code, +1.0 clamps to the largest
 * positive one; NaN becomes 0. TPDF dither is the sum of two independent uniform values of
 * ±0.5 LSB: a triangular density peaking at ±1 LSB, which makes the quantization error
 * independent of the signal. The xorshift32 state lives in a local so the loop stays tight.
 */
export function createQuantizer(bits: 16 | 24, dither: 'tpdf' | 'none', seed?: number): Quantizer {
  const scale = 2 ** (bits - 1);
  const max = scale - 1;
  const min = -scale;
  // Rounding by truncation of a positive number: (v + scale + 0.5) | 0 − scale = round(v).
  const bias = scale + 0.5;
  let state = (seed ?? 0x9e3779b9) >>> 0 || 1;
  const useDither = dither === 'tpdf';
  return {
    quantize(src, out, outOffset, frames) {
      let s = state;
      for (let i = 0; i < frames; i++) {
        let v = src[i]! * scale;
        if (useDither) {
          s ^= s << 13;
          s ^= s >>> 17;
          s ^= s << 5;
          const r1 = s >>> 0;
          s ^= s << 13;
          s ^= s >>> 17;
          s ^= s << 5;
          v += (r1 + (s >>> 0)) * 2.3283064365386963e-10 - 1;
        }
        if (v > max) v = max;
        else if (!(v >= min)) v = v !== v ? 0 : min;
        out[outOffset + i] = ((v + bias) | 0) - scale;
      }
      state = s;
    },
  };
}

/** 16-bit output is dithered unless told otherwise; deeper formats never need it. */
export function resolveDither(bits: 16 | 24 | '32f', dither: 'tpdf' | 'none' | undefined): 'tpdf' | 'none' {
  return bits === 16 ? (dither ?? 'tpdf') : 'none';
}
