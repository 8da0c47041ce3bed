// EBU Tech 3342 (loudness range) test signals 1–4; 5 and 6 are programme material.
import { within, type ComplianceCase } from './compliance-types.ts';
import { concatSegments } from './segments.ts';
import { dbfsToAmplitude } from './sine.ts';

export const TECH_3342_CASES = [1, 2, 3, 4] as const;

const LEVELS: Record<number, { dbfs: number[]; lra: number }> = {
  1: { dbfs: [-20, -30], lra: 10 },
  2: { dbfs: [-20, -15], lra: 5 },
  3: { dbfs: [-40, -20], lra: 20 },
  4: { dbfs: [-50, -35, -20, -35, -50], lra: 15 },
};

/** EBU Tech 3342 case `n` (1–4): 20 s segments of a 1 kHz stereo sine, LRA ± 1 LU. */
export function tech3342Case(n: number, sampleRate: number): ComplianceCase {
  const spec = LEVELS[n];
  if (!spec) throw new RangeError(`EBU Tech 3342 case ${n} cannot be synthesised`);
  const x = concatSegments(
    spec.dbfs.map((d) => ({ seconds: 20, amplitude: dbfsToAmplitude(d) })),
    { sampleRate, frequency: 1000 },
  );
  return {
    id: `tech3342-${n}`,
    description: `20 s segments at ${spec.dbfs.join(', ')} dBFS`,
    sampleRate,
    signals: [{ channels: [x, x.slice()], expect: { loudnessRangeLu: within(spec.lra, 1) } }],
  };
}
