// Look-ahead true-peak limiter. Peaks are found on an 8× interpolated signal; the gain needed to
// bring each over down to the ceiling is held across the look-ahead window and ramped in linearly,
// so the gain is already at its minimum (and flat over the interpolator's whole span) when the
// peak arrives. Samples that cannot exceed the ceiling get a gain of exactly 1, so the limiter is
// bit-transparent wherever it does not act. Output is delay-compensated: same length, no offset.

import type { PcmBlock } from '../types.ts';
import { designPeakInterpolator, peakAround, type PeakInterpolator } from './peak-interpolator.ts';
import { GainComputer } from './gain-computer.ts';

export interface TruePeakLimiterOptions {
  sampleRate: number;
  channels: number;
  ceilingDbtp: number;
  /** Attack ramp length; the gain reaches its target before the peak. Default 2 ms. */
  lookaheadMs?: number;
  /** Time constant of the recovery after an over. Default 100 ms. */
  releaseMs?: number;
}

export interface LimiterStats {
  engaged: boolean;
  maxReductionDb: number;
}

const CHUNK = 64;
const FLAT_SPAN_FACTOR = 2;
const DETECTION_TOLERANCE_DB = 0.05;
let sharedInterpolator: PeakInterpolator | undefined;

export class TruePeakLimiter {
  readonly channels: number;
  /** Samples of look-ahead that the output is delay-compensated for. */
  readonly latencyFrames: number;
  private readonly interp: PeakInterpolator;
  private readonly ceiling: number;
  private readonly gain: GainComputer;
  /** Gain computed at detection index j applies to input sample j − gainLead. */
  private readonly gainLead: number;
  private buffers: Float32Array[];
  /** Absolute index of buffers[c][0]. */
  private base: number;
  private length = 0;
  private received = 0;
  private nextDetect = 0;
  private flushed = false;
  private curvature = new Float64Array(0);

  constructor(opts: TruePeakLimiterOptions) {
    if (!(opts.channels >= 1) || !(opts.sampleRate > 0) || !Number.isFinite(opts.ceilingDbtp)) {
      throw new RangeError('TruePeakLimiter: invalid options');
    }
    this.channels = opts.channels;
    this.interp = sharedInterpolator ??= designPeakInterpolator();
    const K = this.interp.halfTaps;
    const rampFrames = Math.max(16, Math.round(((opts.lookaheadMs ?? 2) / 1000) * opts.sampleRate));
    const releaseFrames = Math.max(1, ((opts.releaseMs ?? 100) / 1000) * opts.sampleRate);
    // Aim a little under the ceiling: longer (more exact) interpolators read wideband overs up
    // to a few hundredths of a dB above this one, and gain × sample must never round above it.
    this.ceiling = 10 ** ((opts.ceilingDbtp - DETECTION_TOLERANCE_DB) / 20);
    // The gain is held flat this far either side of every over. The limiter's own interpolator
    // only needs K; the extra span keeps the gain still across longer reconstruction kernels too.
    const flatSpan = FLAT_SPAN_FACTOR * K;
    this.gain = new GainComputer(rampFrames, flatSpan, releaseFrames);
    this.gainLead = rampFrames - 1 + flatSpan;
    this.latencyFrames = this.gainLead + K;
    // Zeros before the first sample stand in for the history the interpolator reads.
    this.base = -this.gainLead;
    this.length = this.gainLead;
    this.buffers = Array.from({ length: this.channels }, () => new Float32Array(this.gainLead + 8192));
  }

  stats(): LimiterStats {
    const min = this.gain.minGain;
    return { engaged: min < 1, maxReductionDb: min < 1 ? -20 * Math.log10(min) : 0 };
  }

  /** Limits one block; returns the output frames that are ready (the first call returns fewer). */
  process(block: PcmBlock): PcmBlock {
    if (this.flushed) throw new Error('TruePeakLimiter: process() after flush()');
    if (block.channels.length !== this.channels) throw new RangeError('TruePeakLimiter: channel count mismatch');
    this.append(block.channels, block.frames);
    this.received += block.frames;
    return this.run(this.received - 1 - this.interp.halfTaps);
  }

  /** Drains the look-ahead: after this, total output frames equal total input frames. */
  flush(): PcmBlock {
    if (this.flushed) return { channels: this.buffers.map(() => new Float32Array(0)), frames: 0 };
    this.flushed = true;
    const zeros = new Float32Array(this.latencyFrames);
    this.append(
      this.buffers.map(() => zeros),
      this.latencyFrames,
    );
    const total = this.received;
    const out = this.run(total - 1 + this.gainLead);
    return out;
  }

  private append(channels: Float32Array[], frames: number): void {
    const keepFrom = this.nextDetect - this.gainLead;
    const drop = keepFrom - this.base;
    const kept = this.length - drop;
    const need = kept + frames;
    for (let c = 0; c < this.channels; c++) {
      let buf = this.buffers[c];
      if (need > buf.length) {
        const grown = new Float32Array(Math.max(need, buf.length * 2));
        grown.set(buf.subarray(drop, this.length));
        buf = grown;
        this.buffers[c] = buf;
      } else if (drop > 0) {
        buf.copyWithin(0, drop, this.length);
      }
      buf.set(channels[c].subarray(0, frames), kept);
    }
    this.base = keepFrom;
    this.length = need;
  }

  /** Detects up to absolute index lastDetect and emits the outputs that become ready. */
  private run(lastDetect: number): PcmBlock {
    const first = this.nextDetect;
    const firstOut = Math.max(0, first - this.gainLead);
    const lastOut = lastDetect - this.gainLead;
    const outFrames = Math.max(0, lastOut - firstOut + 1);
    const out = this.buffers.map(() => new Float32Array(outFrames));
    const reduction = new Float64Array(CHUNK);
    for (let a = first; a <= lastDetect; a += CHUNK) {
      const b = Math.min(a + CHUNK, lastDetect + 1);
      const needsGain = this.detectChunk(a, b, reduction);
      this.applyChunk(a, b, needsGain ? reduction : null, out, firstOut);
    }
    this.nextDetect = Math.max(first, lastDetect + 1);
    return { channels: out, frames: outFrames };
  }

  /**
   * Fills reduction[i] with the gain that brings sample a + i under the ceiling (1 when it is
   * already under). Returns false when the whole chunk is under, without touching the array.
   */
  private detectChunk(a: number, b: number, reduction: Float64Array): boolean {
    const { halfTaps: K, linearBound, curvatureBound } = this.interp;
    const c = this.ceiling;
    const lo = a - this.base;
    const hi = b - this.base;
    // Bound every interpolated point of the chunk from the samples' level and curvature.
    let maxAbs = 0;
    let maxCurv = 0;
    for (const x of this.buffers) {
      for (let i = lo; i <= hi; i++) {
        const v = x[i] < 0 ? -x[i] : x[i];
        if (v > maxAbs) maxAbs = v;
      }
      for (let i = lo - K + 1; i < hi + K - 1; i++) {
        const d = x[i - 1] - 2 * x[i] + x[i + 1];
        const v = d < 0 ? -d : d;
        if (v > maxCurv) maxCurv = v;
      }
    }
    const curvPart = curvatureBound * maxCurv;
    if (linearBound * maxAbs + curvPart <= c) return false;
    // |Δ²x| over the chunk's span, for the per-sample bound: position lo − K + 1 + t is curv[t].
    const span = hi - lo + 2 * K;
    if (this.curvature.length < span) this.curvature = new Float64Array(span);
    const curv = this.curvature;
    const weights = this.interp.curvatureWeights;
    let any = false;
    for (let i = lo; i < hi; i++) reduction[i - lo] = 1;
    for (const x of this.buffers) {
      for (let t = 0; t < span; t++) {
        const p = lo - K + 1 + t;
        const d = x[p - 1] - 2 * x[p] + x[p + 1];
        curv[t] = d < 0 ? -d : d;
      }
      for (let i = lo; i < hi; i++) {
        const v0 = x[i] < 0 ? -x[i] : x[i];
        const v1 = x[i + 1] < 0 ? -x[i + 1] : x[i + 1];
        const local = linearBound * (v0 > v1 ? v0 : v1);
        if (local + curvPart <= c) continue;
        let bound = local;
        const base = i - lo;
        for (let j = 0; j < 2 * K; j++) bound += weights[j] * curv[base + j];
        if (bound <= c) continue;
        const peak = peakAround(x, i, this.interp);
        // Channel-linked: the sample's gain is set by its loudest channel.
        if (peak > c && c / peak < reduction[i - lo]) {
          reduction[i - lo] = c / peak;
          any = true;
        }
      }
    }
    return any;
  }

  private applyChunk(a: number, b: number, reduction: Float64Array | null, out: Float32Array[], firstOut: number): void {
    const lead = this.gainLead;
    if (reduction === null && this.gain.idle()) {
      this.gain.skipIdle(b - a);
      const from = Math.max(a - lead, 0);
      const to = b - lead;
      if (to > from) {
        for (let c = 0; c < this.channels; c++) {
          out[c].set(this.buffers[c].subarray(from - this.base, to - this.base), from - firstOut);
        }
      }
      return;
    }
    for (let j = a; j < b; j++) {
      const g = this.gain.next(reduction === null ? 1 : reduction[j - a]);
      const m = j - lead;
      if (m < 0) continue;
      const src = m - this.base;
      const dst = m - firstOut;
      for (let c = 0; c < this.channels; c++) out[c][dst] = g === 1 ? this.buffers[c][src] : this.buffers[c][src] * g;
    }
  }
}
