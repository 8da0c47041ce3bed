// The limiter's gain path, one value per sample: a sliding minimum of the required gain held
// over ramp + 2·margin samples, an exponential release, then a moving average over the ramp.
// The hold is longer than the ramp by the interpolator span on each side, so the averaged gain
// sits flat at its minimum across every sample that contributes to an over's interpolated peak.

export class GainComputer {
  /** Smallest gain ever produced. */
  minGain = 1;
  private readonly hold: number;
  private readonly ramp: number;
  private readonly releaseCoef: number;
  // Sliding-window minimum as a monotonic deque of (index, value); only values < 1 enter it.
  private readonly dqIndex: Float64Array;
  private readonly dqValue: Float64Array;
  private dqHead = 0;
  private dqSize = 0;
  private index = 0;
  private env = 1;
  // Moving average of (1 − env) over the ramp, with a count of non-zero entries so that the
  // average returns to exactly 0 (gain exactly 1) instead of a rounding residue.
  private readonly ring: Float64Array;
  private ringPos = 0;
  private deficitSum = 0;
  private nonZero = 0;

  constructor(rampFrames: number, margin: number, releaseFrames: number) {
    this.ramp = rampFrames;
    this.hold = rampFrames + 2 * margin;
    this.releaseCoef = 1 - Math.exp(-1 / releaseFrames);
    this.dqIndex = new Float64Array(this.hold + 1);
    this.dqValue = new Float64Array(this.hold + 1);
    this.ring = new Float64Array(rampFrames);
  }

  /** True when the next gains are exactly 1 as long as every required gain is 1. */
  idle(): boolean {
    return this.dqSize === 0 && this.env === 1 && this.nonZero === 0;
  }

  /** Advances over n samples whose required gain is 1 while idle. */
  skipIdle(n: number): void {
    this.index += n;
    this.ringPos = (this.ringPos + n) % this.ramp;
  }

  next(required: number): number {
    const cap = this.dqIndex.length;
    const j = this.index++;
    if (required < 1) {
      while (this.dqSize > 0 && this.dqValue[(this.dqHead + this.dqSize - 1) % cap] >= required) this.dqSize--;
      const slot = (this.dqHead + this.dqSize) % cap;
      this.dqIndex[slot] = j;
      this.dqValue[slot] = required;
      this.dqSize++;
    }
    while (this.dqSize > 0 && this.dqIndex[this.dqHead] <= j - this.hold) {
      this.dqHead = (this.dqHead + 1) % cap;
      this.dqSize--;
    }
    const held = this.dqSize > 0 ? this.dqValue[this.dqHead] : 1;
    if (held <= this.env) this.env = held;
    else {
      this.env += (held - this.env) * this.releaseCoef;
      // Snap the last 0.0001 dB so the gain returns to exactly 1 instead of approaching it forever.
      if (held - this.env < 1e-5) this.env = held;
    }
    const deficit = 1 - this.env;
    const old = this.ring[this.ringPos];
    if (old !== 0) this.nonZero--;
    if (deficit !== 0) this.nonZero++;
    this.ring[this.ringPos] = deficit;
    this.ringPos = (this.ringPos + 1) % this.ramp;
    this.deficitSum += deficit - old;
    if (this.nonZero === 0) {
      this.deficitSum = 0;
      return 1;
    }
    const g = 1 - this.deficitSum / this.ramp;
    if (g < this.minGain) this.minGain = g;
    return g;
  }
}
