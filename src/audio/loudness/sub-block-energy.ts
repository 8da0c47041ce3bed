import { createKWeightingState, kWeightedEnergy, kWeightingCoefficients, type KWeighting } from './k-weighting.ts';
import { createKWeightingKernel, type KWeightingKernel } from './k-weighting-kernel.ts';

/** Frames in one 100 ms hop, as libebur128 sizes it, so block edges match the reference. */
export function hopFrames(sampleRate: number): number {
  return Math.floor((sampleRate + 5) / 10);
}

/** Sub-blocks per 100 ms hop: momentary and short-term are evaluated at every sub-block edge. */
export const SUB_BLOCKS_PER_HOP = 10;

/**
 * Streams K-weighted, channel-weighted energy in ~10 ms sub-blocks. A hop is split into ten
 * sub-blocks whose edges are floor(j·hop/10), so forty of them are exactly one 400 ms block
 * at any sample rate. Only energies of complete sub-blocks are emitted.
 */
export class SubBlockEnergy {
  /** Energies of sub-blocks completed since the last `clear()`, in `energies[0, count)`. */
  energies = new Float64Array(256);
  count = 0;

  private readonly kw: KWeighting;
  private readonly states: Float64Array[];
  /** Channels with a non-zero weight, filtered in pairs by the SIMD kernel when there is one. */
  private readonly active: number[];
  private readonly kernel: KWeightingKernel | null;
  private readonly edges: Int32Array;
  private subIndex = 0;
  private framesInHop = 0;
  private partial = 0;

  /** `weights[c]` weighs channel c of the blocks this instance is given (0 skips it). */
  constructor(
    sampleRate: number,
    private readonly weights: readonly number[],
  ) {
    this.kw = kWeightingCoefficients(sampleRate);
    this.states = weights.map(() => createKWeightingState());
    this.active = weights.flatMap((w, c) => (w !== 0 ? [c] : []));
    this.kernel = createKWeightingKernel(sampleRate, this.kw, Math.ceil(this.active.length / 2));
    const hop = hopFrames(sampleRate);
    this.edges = new Int32Array(SUB_BLOCKS_PER_HOP + 1);
    for (let j = 0; j <= SUB_BLOCKS_PER_HOP; j++) this.edges[j] = Math.floor((j * hop) / SUB_BLOCKS_PER_HOP);
  }

  push(channels: readonly Float32Array[], frames: number): void {
    if (this.kernel) {
      const stride = this.kernel.reserve(this.active.length, frames);
      const input = this.kernel.input();
      this.active.forEach((c, j) => input.set(channels[c].subarray(0, frames), j * stride));
    }
    let pos = 0;
    while (pos < frames) {
      const toEdge = this.edges[this.subIndex + 1] - this.framesInHop;
      const end = Math.min(frames, pos + toEdge);
      this.partial += this.kernel ? this.pairEnergy(this.kernel, pos, end) : this.scalarEnergy(channels, pos, end);
      this.framesInHop += end - pos;
      pos = end;
      if (this.framesInHop === this.edges[this.subIndex + 1]) {
        this.emit(this.partial);
        this.partial = 0;
        this.subIndex++;
        if (this.subIndex === SUB_BLOCKS_PER_HOP) {
          this.subIndex = 0;
          this.framesInHop = 0;
        }
      }
    }
    this.flushSubnormals();
  }

  clear(): void {
    this.count = 0;
  }

  private scalarEnergy(channels: readonly Float32Array[], start: number, end: number): number {
    let e = 0;
    for (const c of this.active) e += this.weights[c] * kWeightedEnergy(this.kw, this.states[c], channels[c], start, end);
    return e;
  }

  private pairEnergy(kernel: KWeightingKernel, start: number, end: number): number {
    const n = this.active.length;
    let e = 0;
    for (let j = 0; j < n; j += 2) {
      const [a, b] = j + 1 < n ? [j, j + 1] : [j, j];
      const wb = j + 1 < n ? this.weights[this.active[b]] : 0;
      e += kernel.energy(j >> 1, a, b, start, end, this.weights[this.active[a]], wb);
    }
    return e;
  }

  /** Zeroes filter memory that decayed into subnormal numbers, which are slow on x86. */
  private flushSubnormals(): void {
    const state = this.kernel?.state();
    if (!state) return;
    for (let i = 0; i < state.length; i++) if (Math.abs(state[i]) < 1e-30) state[i] = 0;
  }

  private emit(e: number): void {
    if (this.count === this.energies.length) {
      const grown = new Float64Array(this.energies.length * 2);
      grown.set(this.energies);
      this.energies = grown;
    }
    this.energies[this.count++] = e;
  }
}
