// Bass lines and chord parts per bar: pattern tables in sixteenth steps plus voice-leading, so
// each chord is voiced close to the one before it instead of jumping in root position.
import { chordSemitones } from '../music-theory.ts';
import type { BassPattern, ChordPattern, Mode, PlanChord } from '../types.ts';

export interface PartNote {
  /** Sixteenth step in the bar (may be fractional for strums). */
  step: number;
  steps: number;
  midi: number;
  velocity: number;
}

/** [step, length in steps, which note]: R root, F fifth, O octave, T third, A approach. */
type BassStep = [number, number, 'R' | 'F' | 'O' | 'T' | 'A'];

const BASS_STEPS: Record<BassPattern, BassStep[]> = {
  pop: [[0, 6, 'R'], [6, 2, 'R'], [8, 6, 'R'], [14, 2, 'O']],
  eighths: [[0, 2, 'R'], [2, 2, 'R'], [4, 2, 'R'], [6, 2, 'R'], [8, 2, 'R'], [10, 2, 'R'], [12, 2, 'R'], [14, 2, 'R']],
  sustain: [[0, 16, 'R']],
  '808': [[0, 10, 'R'], [10, 6, 'R']],
  walking: [[0, 4, 'R'], [4, 4, 'T'], [8, 4, 'F'], [12, 4, 'A']],
  offbeat: [[2, 2, 'R'], [6, 2, 'R'], [10, 2, 'R'], [14, 2, 'O']],
  'root-fifth': [[0, 6, 'R'], [8, 6, 'F']],
  syncopated: [[0, 3, 'R'], [3, 3, 'R'], [6, 4, 'O'], [10, 2, 'F'], [12, 4, 'R']],
};

/** Lowest bass root allowed; roots sit in [BASS_LOW, BASS_LOW + 12). */
const BASS_LOW = 33;

function bassRoot(tonic: number, chord: PlanChord, mode: Mode): number {
  const root = tonic + chordSemitones(chord, mode)[0];
  return BASS_LOW + ((((root - BASS_LOW) % 12) + 12) % 12);
}

export function bassBar(pattern: BassPattern, tonic: number, chord: PlanChord, next: PlanChord, mode: Mode, level: number): PartNote[] {
  const root = bassRoot(tonic, chord, mode);
  const tones = chordSemitones(chord, mode);
  const nextRoot = bassRoot(tonic, next, mode);
  const pick = (which: BassStep[2]): number => {
    switch (which) {
      case 'R': return root;
      case 'O': return root + 12;
      case 'F': return root + (tones[2] - tones[0]);
      case 'T': return root + (tones[1] - tones[0]);
      // A chromatic approach from below into the next bar's root.
      case 'A': return nextRoot - 1 >= root - 5 ? nextRoot - 1 : nextRoot + 1;
    }
  };
  return BASS_STEPS[pattern].map(([step, steps, which]) => ({ step, steps: steps - 0.3, midi: pick(which), velocity: (step % 4 === 0 ? 0.95 : 0.8) * level }));
}

/** [step, length, velocity] chord hits; 'arpeggio' is handled separately. */
const CHORD_HITS: Record<Exclude<ChordPattern, 'arpeggio'>, [number, number, number][]> = {
  sustain: [[0, 16, 0.8]],
  comp: [[0, 5, 0.85], [6, 2, 0.6], [8, 5, 0.8], [14, 2, 0.55]],
  strum: [[0, 2, 0.9], [2, 2, 0.55], [4, 2, 0.8], [6, 2, 0.6], [8, 2, 0.85], [10, 2, 0.55], [12, 2, 0.8], [14, 2, 0.6]],
  stabs: [[2, 1, 0.85], [6, 1, 0.8], [10, 1, 0.85], [14, 1, 0.8]],
  'jazz-comp': [[0, 3, 0.8], [6, 2, 0.7]],
  keys: [[0, 11, 0.8], [12, 4, 0.55]],
};

/**
 * Voices the chord within [48, 76) as close as possible to `previousCenter` (the average pitch
 * of the last voicing), trying every inversion.
 */
export function voiceChord(tonic: number, chord: PlanChord, mode: Mode, previousCenter: number): number[] {
  const tones = chordSemitones(chord, mode).map((s) => tonic + s);
  let best: number[] | null = null;
  let bestDistance = Infinity;
  let fallback: number[] = [];
  for (let inversion = 0; inversion < tones.length; inversion++) {
    const notes: number[] = [];
    for (let k = 0; k < tones.length; k++) {
      let note = tones[(inversion + k) % tones.length];
      while (note < 48) note += 12;
      while (note >= 60) note -= 12;
      while (notes.length > 0 && note <= notes[notes.length - 1]) note += 12;
      notes.push(note);
    }
    if (inversion === 0) fallback = notes;
    for (const shift of [-12, 0, 12]) {
      const shifted = notes.map((n) => n + shift);
      if (shifted[0] < 48 || shifted[shifted.length - 1] >= 76) continue;
      const center = shifted.reduce((a, b) => a + b, 0) / shifted.length;
      const distance = Math.abs(center - previousCenter);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = shifted;
      }
    }
  }
  return best ?? fallback;
}

/** The chord part of one bar for a pattern, voiced as `voicing`. */
export function chordBar(pattern: ChordPattern, voicing: number[], level: number, variant: number): PartNote[] {
  if (pattern === 'arpeggio') {
    const order = variant % 2 === 0 ? [0, 1, 2, 1, 0, 1, 2, 1] : [0, 1, 2, 3, 2, 1, 0, 1];
    return order.map((index, i) => ({
      step: i * 2,
      steps: 3,
      midi: index < voicing.length ? voicing[index] : voicing[0] + 12,
      velocity: (i % 4 === 0 ? 0.85 : 0.65) * level,
    }));
  }
  const hits = pattern === 'jazz-comp' && variant % 2 === 1 ? ([[2, 2, 0.65], [10, 3, 0.75]] as [number, number, number][]) : CHORD_HITS[pattern];
  const notes: PartNote[] = [];
  for (const [step, steps, velocity] of hits) {
    voicing.forEach((midi, k) => {
      // Strums roll the chord upward by a few milliseconds-worth of a step per string.
      const roll = pattern === 'strum' ? k * 0.06 : 0;
      notes.push({ step: step + roll, steps: steps - 0.25, midi, velocity: velocity * level });
    });
  }
  return notes;
}
