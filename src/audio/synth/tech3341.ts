// EBU Tech 3341 (loudness metering, "EBU mode") test signals synthesised at any rate.
// Cases 7 and 8 are programme material and cannot be synthesised.
import { within, type ComplianceCase, type ComplianceSignal, type Expected } from './compliance-types.ts';
import { concatSegments, type Segment } from './segments.ts';
import { dbfsToAmplitude, writeSine } from './sine.ts';
import { lowPassDecimate } from './resample.ts';

export const TECH_3341_CASES = [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23] as const;

const LU = 0.1;
// Peak levels of cases 15–19 as in the EBU files (libebur128 reads them to 1e−3 that way):
// −6 dBFS rather than 0.5, and √2 for "+3 dBTP".
const MINUS_6_DB = dbfsToAmplitude(-6);
const TRUE_PEAK: (value: number) => Expected = (value) => ({ value, below: 0.4, above: 0.2 });

type Level = [seconds: number, dbfs: number | null];

function tone(levels: Level[], sampleRate: number): Float32Array {
  const segments: Segment[] = levels.map(([seconds, dbfs]) => ({
    seconds,
    amplitude: dbfs === null ? 0 : dbfsToAmplitude(dbfs),
  }));
  return concatSegments(segments, { sampleRate, frequency: 1000 });
}

function stereo(levels: Level[], sampleRate: number): Float32Array[] {
  const x = tone(levels, sampleRate);
  return [x, x.slice()];
}

/** Sine at `cyclesPerSample` with a starting phase in degrees, 10 ms fades, both channels. */
function peakTone(cyclesPerSample: number, degrees: number, amplitude: number, sampleRate: number): Float32Array[] {
  const frames = sampleRate; // 1 s
  const x = new Float32Array(frames);
  writeSine(x, 0, frames, cyclesPerSample, amplitude, (degrees * Math.PI) / 180, 0);
  const fade = Math.round(0.01 * sampleRate);
  for (let i = 0; i < fade; i++) {
    const g = 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / fade);
    x[i] *= g;
    x[frames - 1 - i] *= g;
  }
  return [x, x.slice()];
}

/**
 * Cases 20–23: made at 4·fs as a sine at fs/6 (amplitude 0.5) interrupted by one period of
 * fs/4 at full scale, then low-passed and decimated by 4 starting at sample `offset`.
 */
function splicedBurst(offset: number, sampleRate: number): Float32Array[] {
  const up = 4;
  const frames = sampleRate; // 1 s at the target rate
  const hi = new Float32Array(frames * up);
  const burstStart = (frames * up) / 2;
  const burstLength = 4 * up; // one period of fs/4 at 4·fs
  writeSine(hi, 0, hi.length, 1 / (6 * up), 0.5, 0, 0);
  writeSine(hi, burstStart, burstStart + burstLength, 1 / (4 * up), 1, 0, 0);
  const x = lowPassDecimate(hi, up, offset);
  return [x, x.slice()];
}

function signals3341(n: number, sr: number): ComplianceSignal[] {
  const twenty = (make: (i: number) => ComplianceSignal) => Array.from({ length: 20 }, (_, i) => make(i));
  switch (n) {
    case 1:
    case 2: {
      const level = n === 1 ? -23 : -33;
      const e = within(level, LU);
      return [{ channels: stereo([[20, level]], sr), expect: { integratedLufs: e, maxMomentaryLufs: e, maxShortTermLufs: e } }];
    }
    case 3:
      return [{ channels: stereo([[10, -36], [60, -23], [10, -36]], sr), expect: { integratedLufs: within(-23, LU) } }];
    case 4:
      return [
        {
          channels: stereo([[10, -72], [10, -36], [60, -23], [10, -36], [10, -72]], sr),
          expect: { integratedLufs: within(-23, LU) },
        },
      ];
    case 5:
      return [{ channels: stereo([[20, -26], [20.1, -20], [20, -26]], sr), expect: { integratedLufs: within(-23, LU) } }];
    case 6: {
      const [l, c, s] = [tone([[20, -28]], sr), tone([[20, -24]], sr), tone([[20, -30]], sr)];
      return [{ channels: [l, l.slice(), c, s, s.slice()], expect: { integratedLufs: within(-23, LU) } }];
    }
    case 9: {
      const levels: Level[] = [];
      for (let i = 0; i < 5; i++) levels.push([1.34, -20], [1.66, -30]);
      return [{ channels: stereo(levels, sr), expect: { shortTermFrom: { ...within(-23, LU), fromSeconds: 3 } } }];
    }
    case 10:
      return twenty((i) => ({
        channels: stereo([[i * 0.15, null], [3, -23], [1, null]], sr),
        expect: { maxShortTermLufs: within(-23, LU) },
      }));
    case 11:
      return twenty((i) => ({
        channels: stereo([[i * 0.15, null], [3, -38 + i], [3 - i * 0.15, null]], sr),
        expect: { maxShortTermLufs: within(-38 + i, LU) },
      }));
    case 12: {
      const levels: Level[] = [];
      for (let i = 0; i < 25; i++) levels.push([0.18, -20], [0.22, -30]);
      return [{ channels: stereo(levels, sr), expect: { momentaryFrom: { ...within(-23, LU), fromSeconds: 1 } } }];
    }
    case 13:
      return twenty((i) => ({
        channels: stereo([[i * 0.02, null], [0.4, -23], [1, null]], sr),
        expect: { maxMomentaryLufs: within(-23, LU) },
      }));
    case 14:
      return twenty((i) => ({
        channels: stereo([[i * 0.02, null], [0.4, -38 + i], [0.4 - i * 0.02, null]], sr),
        expect: { maxMomentaryLufs: within(-38 + i, LU) },
      }));
    case 15:
      return [{ channels: peakTone(1 / 4, 0, MINUS_6_DB, sr), expect: { truePeakDbtp: TRUE_PEAK(-6) } }];
    case 16:
      return [{ channels: peakTone(1 / 4, 45, MINUS_6_DB, sr), expect: { truePeakDbtp: TRUE_PEAK(-6) } }];
    case 17:
      return [{ channels: peakTone(1 / 6, 60, MINUS_6_DB, sr), expect: { truePeakDbtp: TRUE_PEAK(-6) } }];
    case 18:
      return [{ channels: peakTone(1 / 8, 67.5, MINUS_6_DB, sr), expect: { truePeakDbtp: TRUE_PEAK(-6) } }];
    case 19:
      return [{ channels: peakTone(1 / 4, 45, Math.SQRT2, sr), expect: { truePeakDbtp: TRUE_PEAK(3) } }];
    case 20:
    case 21:
    case 22:
    case 23:
      return [{ channels: splicedBurst(n - 20, sr), expect: { truePeakDbtp: TRUE_PEAK(0) } }];
    default:
      throw new RangeError(`EBU Tech 3341 case ${n} cannot be synthesised`);
  }
}

const DESCRIPTIONS: Record<number, string> = {
  1: '1 kHz −23 dBFS, 20 s',
  2: '1 kHz −33 dBFS, 20 s',
  3: '−36/−23/−36 dBFS, gating',
  4: '−72/−36/−23/−36/−72 dBFS, gating',
  5: '−26/−20/−26 dBFS',
  6: '5.0 channel weights',
  9: 'short-term stays at −23 after 3 s',
  10: 'max short-term, 20 offsets',
  11: 'max short-term at −38…−19',
  12: 'momentary stays at −23 after 1 s',
  13: 'max momentary, 20 offsets',
  14: 'max momentary at −38…−19',
  15: 'true peak fs/4 0°',
  16: 'true peak fs/4 45°',
  17: 'true peak fs/6 60°',
  18: 'true peak fs/8 67.5°',
  19: 'true peak fs/4 45° at +3 dBTP',
  20: 'true peak burst, offset 0',
  21: 'true peak burst, offset 1',
  22: 'true peak burst, offset 2',
  23: 'true peak burst, offset 3',
};

/** EBU Tech 3341 case `n` (1–6, 9–23) at `sampleRate`, with the expected readings. */
export function tech3341Case(n: number, sampleRate: number): ComplianceCase {
  return { id: `tech3341-${n}`, description: DESCRIPTIONS[n] ?? '', sampleRate, signals: signals3341(n, sampleRate) };
}
