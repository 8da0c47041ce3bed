import { energyToLufs, integratedLoudness, loudnessRange } from './gating.ts';
import { SUB_BLOCKS_PER_HOP } from './sub-block-energy.ts';

const MOMENTARY_SUBS = 4 * SUB_BLOCKS_PER_HOP;
const SHORT_TERM_SUBS = 30 * SUB_BLOCKS_PER_HOP;
const HOPS_PER_SECOND = 10;
const EXACT_EVERY = 100;

export interface LoudnessSummary {
  integratedLufs: number | null;
  loudnessRangeLu: number | null;
  maxMomentaryLufs: number | null;
  maxShortTermLufs: number | null;
  shortTermSeries?: (number | null)[];
}

function lufsOrNull(meanSquare: number): number | null {
  return meanSquare > 0 ? energyToLufs(meanSquare) : null;
}

/**
 * Turns the stream of ~10 ms sub-block energies into every loudness measure. Momentary and
 * short-term maxima are evaluated at every sub-block edge (≈100 Hz); windows that start before
 * the signal count the missing part as silence, as the reference meters do. Per-100 ms
 * energies are kept (10 numbers per second) so the gated measures are exact.
 */
export class LoudnessHistory {
  private readonly ring = new Float64Array(SHORT_TERM_SUBS);
  private ringPos = 0;
  private subInHop = 0;
  private hopSum = 0;
  private hops = new Float64Array(1024);
  private hopCount = 0;
  private momentarySum = 0;
  private shortTermSum = 0;
  private sinceExact = 0;
  private maxMomentary = 0;
  private maxShortTerm = 0;
  private readonly series: (number | null)[] | undefined;

  constructor(
    private readonly hopFrames: number,
    opts: { series?: boolean } = {},
  ) {
    this.series = opts.series ? [] : undefined;
  }

  add(energies: Float64Array, count: number): void {
    for (let i = 0; i < count; i++) this.addOne(energies[i]);
  }

  /** Momentary loudness now (last 400 ms), null in silence. */
  momentaryLufs(): number | null {
    return lufsOrNull(this.windowSum(MOMENTARY_SUBS) / (4 * this.hopFrames));
  }

  /** Short-term loudness now (last 3 s), null in silence. */
  shortTermLufs(): number | null {
    return lufsOrNull(this.windowSum(SHORT_TERM_SUBS) / (30 * this.hopFrames));
  }

  summary(): LoudnessSummary {
    const out: LoudnessSummary = {
      integratedLufs: integratedLoudness(this.hops, this.hopCount, this.hopFrames),
      loudnessRangeLu: loudnessRange(this.hops, this.hopCount, this.hopFrames),
      maxMomentaryLufs: lufsOrNull(this.maxMomentary),
      maxShortTermLufs: lufsOrNull(this.maxShortTerm),
    };
    if (this.series) out.shortTermSeries = [...this.series];
    return out;
  }

  private addOne(e: number): void {
    // Running window sums, recomputed exactly every second so rounding cannot accumulate.
    const leavingMomentary = this.ring[(this.ringPos + SHORT_TERM_SUBS - MOMENTARY_SUBS) % SHORT_TERM_SUBS];
    this.momentarySum += e - leavingMomentary;
    this.shortTermSum += e - this.ring[this.ringPos];
    this.ring[this.ringPos] = e;
    this.ringPos = (this.ringPos + 1) % SHORT_TERM_SUBS;
    if (++this.sinceExact === EXACT_EVERY) {
      this.sinceExact = 0;
      this.momentarySum = this.windowSum(MOMENTARY_SUBS);
      this.shortTermSum = this.windowSum(SHORT_TERM_SUBS);
    }
    const m = this.momentarySum / (4 * this.hopFrames);
    if (m > this.maxMomentary) this.maxMomentary = m;
    const s = this.shortTermSum / (30 * this.hopFrames);
    if (s > this.maxShortTerm) this.maxShortTerm = s;
    this.hopSum += e;
    if (++this.subInHop < SUB_BLOCKS_PER_HOP) return;
    this.subInHop = 0;
    this.pushHop(this.hopSum);
    this.hopSum = 0;
    if (this.series && this.hopCount % HOPS_PER_SECOND === 0) {
      this.series.push(lufsOrNull(this.windowSum(SHORT_TERM_SUBS) / (30 * this.hopFrames)));
    }
  }

  /** Sum of the newest `subs` sub-block energies. */
  private windowSum(subs: number): number {
    let s = 0;
    let i = this.ringPos;
    for (let k = 0; k < subs; k++) {
      i = i === 0 ? SHORT_TERM_SUBS - 1 : i - 1;
      s += this.ring[i];
    }
    return s;
  }

  private pushHop(e: number): void {
    if (this.hopCount === this.hops.length) {
      const grown = new Float64Array(this.hops.length * 2);
      grown.set(this.hops);
      this.hops = grown;
    }
    this.hops[this.hopCount++] = e;
  }
}
