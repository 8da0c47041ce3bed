// Renders one pitched note into mono track buffers. The envelope is three segments, each of
// the form env = env * m + c (linear attack, exponential decay to sustain, exponential release),
// so one tight loop serves all of them without per-sample branching. Wide voices render a
// detuned pair in the same loop, one oscillator per side, sharing the envelope.
import type { ToneEvent } from '../score/events.ts';
import { midiToFrequency } from '../music-theory.ts';
import { VOICES } from './voices.ts';
import { TABLE_SIZE, wavetableFor } from './wavetables.ts';

// Local copy: some ESM loaders turn imported bindings into getter calls, costly per sample.
const SIZE = TABLE_SIZE;

export interface ToneState {
  table: Float32Array;
  track: number;
  /** -1 for a single oscillator. */
  pairTrack: number;
  phase: number;
  phase2: number;
  inc: number;
  inc2: number;
  baseInc: number;
  baseInc2: number;
  lp: number;
  lp2: number;
  coef: number;
  env: number;
  gain: number;
  start: number;
  attackEnd: number;
  gateEnd: number;
  lifeEnd: number;
  attackStep: number;
  decayMul: number;
  decayAdd: number;
  releaseMul: number;
  vibratoDepth: number;
  vibratoStep: number;
  vibratoPhase: number;
  vibratoCountdown: number;
}

/** Envelope level below which a released note is inaudible (-60 dB). */
const RELEASE_FLOOR = 0.001;
const VIBRATO_CHUNK = 64;

export function startTone(event: ToneEvent, sampleRate: number, brightness: number, index: number): ToneState {
  const voice = VOICES[event.voice];
  const frequency = midiToFrequency(event.midi + voice.octaveShift);
  const attackFrames = Math.max(1, Math.round(voice.attack * sampleRate));
  const releaseFrames = Math.max(1, Math.round(voice.release * sampleRate));
  const cutoff = Math.min(0.42 * sampleRate, frequency * voice.cutoffRatio * (0.5 + brightness) * (0.6 + 0.4 * event.velocity));
  const decayMul = Math.exp(-1 / (voice.decay * sampleRate));
  const detune = Math.pow(2, event.spread / 2400);
  const baseInc = (frequency * SIZE) / sampleRate / detune;
  const baseInc2 = (frequency * SIZE * detune) / sampleRate;
  // Spread start phases so stacked voices do not add up in lockstep.
  const phase = ((index * 0.6180339887) % 1) * SIZE;
  return {
    table: wavetableFor(voice.timbre, frequency * detune, sampleRate, voice.maxHarmonics),
    track: event.track,
    pairTrack: event.pairTrack,
    phase,
    phase2: (phase + SIZE / 3) % SIZE,
    inc: baseInc,
    inc2: baseInc2,
    baseInc,
    baseInc2,
    lp: 0,
    lp2: 0,
    coef: 1 - Math.exp((-2 * Math.PI * cutoff) / sampleRate),
    env: 0,
    gain: voice.gain * event.velocity,
    start: event.start,
    attackEnd: Math.min(event.start + attackFrames, event.end),
    gateEnd: event.end,
    lifeEnd: event.end + releaseFrames,
    attackStep: 1 / attackFrames,
    decayMul,
    decayAdd: voice.sustain * (1 - decayMul),
    releaseMul: Math.exp(Math.log(RELEASE_FLOOR) / releaseFrames),
    vibratoDepth: voice.vibratoDepth,
    vibratoStep: (2 * Math.PI * voice.vibratoRate * VIBRATO_CHUNK) / sampleRate,
    vibratoPhase: 0,
    vibratoCountdown: 0,
  };
}

function run(s: ToneState, out: Float32Array, offset: number, count: number, m: number, c: number): void {
  const table = s.table;
  const inc = s.inc;
  const coef = s.coef;
  const gain = s.gain;
  let phase = s.phase;
  let lp = s.lp;
  let env = s.env;
  for (let i = 0; i < count; i++) {
    const idx = phase | 0;
    const a = table[idx];
    lp += (a + (table[idx + 1] - a) * (phase - idx) - lp) * coef;
    out[offset + i] += lp * env * gain;
    env = env * m + c;
    phase += inc;
    if (phase >= SIZE) phase -= SIZE;
  }
  s.phase = phase;
  s.lp = lp;
  s.env = env;
}

function runPair(s: ToneState, out: Float32Array, out2: Float32Array, offset: number, count: number, m: number, c: number): void {
  const table = s.table;
  const inc = s.inc;
  const inc2 = s.inc2;
  const coef = s.coef;
  const gain = s.gain;
  let phase = s.phase;
  let phase2 = s.phase2;
  let lp = s.lp;
  let lp2 = s.lp2;
  let env = s.env;
  for (let i = 0; i < count; i++) {
    const idx = phase | 0;
    const a = table[idx];
    lp += (a + (table[idx + 1] - a) * (phase - idx) - lp) * coef;
    const idx2 = phase2 | 0;
    const b = table[idx2];
    lp2 += (b + (table[idx2 + 1] - b) * (phase2 - idx2) - lp2) * coef;
    const g = env * gain;
    out[offset + i] += lp * g;
    out2[offset + i] += lp2 * g;
    env = env * m + c;
    phase += inc;
    if (phase >= SIZE) phase -= SIZE;
    phase2 += inc2;
    if (phase2 >= SIZE) phase2 -= SIZE;
  }
  s.phase = phase;
  s.phase2 = phase2;
  s.lp = lp;
  s.lp2 = lp2;
  s.env = env;
}

/**
 * Runs one envelope segment. Vibrato updates the pitch every VIBRATO_CHUNK frames counted from
 * the note's start, so where blocks happen to split the note never changes the samples.
 */
function runSegment(s: ToneState, tracks: Float32Array[], offset: number, count: number, m: number, c: number): void {
  const out = tracks[s.track];
  const out2 = s.pairTrack >= 0 ? tracks[s.pairTrack] : null;
  for (let done = 0; done < count; ) {
    let n = count - done;
    if (s.vibratoDepth !== 0) {
      if (s.vibratoCountdown === 0) {
        const ratio = 1 + s.vibratoDepth * Math.sin(s.vibratoPhase);
        s.inc = s.baseInc * ratio;
        s.inc2 = s.baseInc2 * ratio;
        s.vibratoPhase += s.vibratoStep;
        s.vibratoCountdown = VIBRATO_CHUNK;
      }
      n = Math.min(n, s.vibratoCountdown);
      s.vibratoCountdown -= n;
    }
    if (out2) runPair(s, out, out2, offset + done, n, m, c);
    else run(s, out, offset + done, n, m, c);
    done += n;
  }
}

/**
 * Adds the note's frames in [from, to) (absolute frames) to its track buffers, whose index 0 is
 * frame `blockStart`. Returns false once the note has finished sounding.
 */
export function renderTone(s: ToneState, tracks: Float32Array[], blockStart: number, from: number, to: number): boolean {
  let cursor = Math.max(from, s.start);
  const stop = Math.min(to, s.lifeEnd);
  while (cursor < stop) {
    let segmentEnd: number;
    if (cursor < s.attackEnd) {
      segmentEnd = Math.min(stop, s.attackEnd);
      runSegment(s, tracks, cursor - blockStart, segmentEnd - cursor, 1, s.attackStep);
    } else if (cursor < s.gateEnd) {
      segmentEnd = Math.min(stop, s.gateEnd);
      runSegment(s, tracks, cursor - blockStart, segmentEnd - cursor, s.decayMul, s.decayAdd);
    } else {
      segmentEnd = stop;
      runSegment(s, tracks, cursor - blockStart, segmentEnd - cursor, s.releaseMul, 0);
    }
    cursor = segmentEnd;
  }
  return s.lifeEnd > to;
}
