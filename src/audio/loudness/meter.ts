import type { PcmBlock } from '../types.ts';
import { AudioError } from '../types.ts';
import { channelWeights } from './channel-weights.ts';
import { LoudnessHistory, type LoudnessSummary } from './loudness-history.ts';
import { SubBlockEnergy, hopFrames } from './sub-block-energy.ts';
import { createTruePeakDetector, type TruePeakDetector } from './true-peak.ts';

export interface LoudnessMeterOptions {
  sampleRate: number;
  channels: number;
  /** Keep one short-term value per second in the result. */
  series?: boolean;
  /** Measure true peak (reference-comparable reading); default true. */
  truePeak?: boolean;
  /** Measure the sample peak when true peak is off; default true (set false when measured elsewhere). */
  samplePeak?: boolean;
}

export interface LoudnessResult {
  /** null for silence or input too short for one 400 ms block. */
  integratedLufs: number | null;
  loudnessRangeLu: number | null;
  /** Reference-comparable reading (libebur128's interpolator; see README for ffmpeg). */
  truePeakDbtp: number | null;
  samplePeakDbfs: number | null;
  maxMomentaryLufs: number | null;
  maxShortTermLufs: number | null;
  durationSeconds: number;
  /** Short-term loudness of the 3 s ending at each whole second, when `series` was asked. */
  shortTermSeries?: (number | null)[];
}

export const MIN_SAMPLE_RATE = 8000;
export const MAX_SAMPLE_RATE = 192000;

export function linearToDb(x: number): number | null {
  return x > 0 ? 20 * Math.log10(x) : null;
}

export function checkMeterOptions(sampleRate: number, channels: number): void {
  if (!(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) {
    throw new AudioError('invalid_argument', `sample rate ${sampleRate} Hz is outside 8–192 kHz`);
  }
  if (!Number.isInteger(channels) || channels < 1) {
    throw new AudioError('invalid_argument', `channel count ${channels} is not a positive integer`);
  }
}

/**
 * BS.1770-4 / EBU R128 meter over planar blocks of any size. Memory stays bounded: it keeps
 * one energy per 100 ms (about 0.3 MB per hour) and filter state.
 */
export class LoudnessMeter {
  private readonly energy: SubBlockEnergy;
  private readonly history: LoudnessHistory;
  private readonly peaks: TruePeakDetector;
  private readonly sampleRate: number;
  private readonly channels: number;
  private readonly measureTruePeak: boolean;
  private readonly measureSamplePeak: boolean;
  private frames = 0;
  private samplePeak = 0;

  constructor(opts: LoudnessMeterOptions) {
    checkMeterOptions(opts.sampleRate, opts.channels);
    this.sampleRate = opts.sampleRate;
    this.channels = opts.channels;
    this.measureTruePeak = opts.truePeak ?? true;
    this.measureSamplePeak = !this.measureTruePeak && (opts.samplePeak ?? true);
    this.energy = new SubBlockEnergy(opts.sampleRate, channelWeights(opts.channels));
    this.history = new LoudnessHistory(hopFrames(opts.sampleRate), { series: opts.series });
    this.peaks = createTruePeakDetector(opts.channels, opts.sampleRate, 'reference');
  }

  push(block: PcmBlock): void {
    if (block.channels.length < this.channels) {
      throw new AudioError('invalid_argument', `block has ${block.channels.length} channels, expected ${this.channels}`);
    }
    this.frames += block.frames;
    this.energy.push(block.channels, block.frames);
    this.history.add(this.energy.energies, this.energy.count);
    this.energy.clear();
    if (this.measureTruePeak) this.peaks.push(block);
    else if (this.measureSamplePeak) this.samplePeak = Math.max(this.samplePeak, samplePeakOf(block, this.channels));
  }

  /** Momentary loudness of the last 400 ms, null in silence. */
  momentaryLufs(): number | null {
    return this.history.momentaryLufs();
  }

  /** Short-term loudness of the last 3 s, null in silence. */
  shortTermLufs(): number | null {
    return this.history.shortTermLufs();
  }

  result(): LoudnessResult {
    return buildResult(this.history.summary(), {
      truePeak: this.measureTruePeak ? this.peaks.maxLinear() : null,
      samplePeak: this.measureTruePeak ? this.peaks.samplePeakLinear() : this.samplePeak,
      seconds: this.frames / this.sampleRate,
    });
  }
}

/** A result from the gated measures and linear peaks (shared with the threaded analysis). */
export function buildResult(
  summary: LoudnessSummary,
  peaks: { truePeak: number | null; samplePeak: number; seconds: number },
): LoudnessResult {
  return {
    ...summary,
    truePeakDbtp: peaks.truePeak === null ? null : linearToDb(peaks.truePeak),
    samplePeakDbfs: linearToDb(peaks.samplePeak),
    durationSeconds: peaks.seconds,
  };
}

export function samplePeakOf(block: PcmBlock, channels: number): number {
  let m = 0;
  for (let c = 0; c < channels; c++) {
    const x = block.channels[c];
    for (let i = 0; i < block.frames; i++) {
      const v = x[i] < 0 ? -x[i] : x[i];
      if (v > m) m = v;
    }
  }
  return m;
}
