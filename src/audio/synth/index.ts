// Test-signal generators: sines and segment builders, EBU Tech 3341/3342 compliance cases,
// music-like programme material, and in-memory blocks and decoders.
export { dbfsToAmplitude, sine, writeSine, type SineOptions } from './sine.ts';
export { applyFades, concatSegments, repeatChannel, type Segment, type SegmentOptions } from './segments.ts';
export { blocksOf, decoderFromChannels } from './blocks.ts';
export { programmeBlocks, type ProgrammeOptions } from './programme.ts';
export { TECH_3341_CASES, tech3341Case } from './tech3341.ts';
export { TECH_3342_CASES, tech3342Case } from './tech3342.ts';
export { lowPassDecimate } from './resample.ts';
export {
  isWithin,
  within,
  type ComplianceCase,
  type ComplianceExpectation,
  type ComplianceSignal,
  type Expected,
} from './compliance-types.ts';
