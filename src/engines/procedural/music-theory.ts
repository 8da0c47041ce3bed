// Scales, chords and pitch arithmetic. Melodies are kept in scale degrees and chords as degree
// numbers so that the same material can be replayed in another key, mode or tempo (remix).
import type { Mode, PlanChord } from './types.ts';

export const PITCH_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;

const PITCH_CLASS: Record<string, number> = {
  C: 0, 'B#': 0, 'C#': 1, DB: 1, D: 2, 'D#': 3, EB: 3, E: 4, FB: 4, F: 5, 'E#': 5, 'F#': 6, GB: 6,
  G: 7, 'G#': 8, AB: 8, A: 9, 'A#': 10, BB: 10, B: 11, CB: 11,
};

const SCALES: Record<Mode, readonly number[]> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
};

/** 'f#', 'Bb', 'D♭' → pitch class 0–11, or null. */
export function pitchClassOf(name: string): number | null {
  const normal = name.replace('♯', '#').replace('♭', 'b');
  const key = normal.charAt(0).toUpperCase() + normal.slice(1).toUpperCase();
  return PITCH_CLASS[key] ?? null;
}

/** Canonical spelling used in plans: sharps for C#/F#, flats for Eb/Ab/Bb. */
export function keyName(pitchClass: number): string {
  return PITCH_NAMES[((pitchClass % 12) + 12) % 12];
}

/** Semitones above the tonic for any scale degree (negative or beyond the octave). */
export function degreeSemitones(degree: number, mode: Mode): number {
  const scale = SCALES[mode];
  const octave = Math.floor(degree / 7);
  return octave * 12 + scale[degree - octave * 7];
}

/** Semitones of the chord's notes above the tonic, root first, root within [0, 12). */
export function chordSemitones(chord: PlanChord, mode: Mode): number[] {
  const root = degreeSemitones(chord.degree, mode);
  let third = degreeSemitones(chord.degree + 2, mode);
  if (chord.dominant && third - root === 3) third += 1;
  const tones = [root, third, degreeSemitones(chord.degree + 4, mode)];
  if (chord.seventh) tones.push(degreeSemitones(chord.degree + 6, mode));
  return tones;
}

/**
 * Semitones for a melody degree sounding over `chord`: the chord's third is raised when the
 * chord forces a major third, so the melody never clashes with a dominant V in minor.
 */
export function melodySemitones(degree: number, chord: PlanChord, mode: Mode): number {
  const semis = degreeSemitones(degree, mode);
  if (!chord.dominant) return semis;
  const relative = (((degree - chord.degree) % 7) + 7) % 7;
  const root = degreeSemitones(chord.degree, mode);
  const third = degreeSemitones(chord.degree + 2, mode);
  return relative === 2 && third - root === 3 ? semis + 1 : semis;
}

/** True when `degree` (any octave) is a chord tone of `chord` (root, third, fifth). */
export function isChordTone(degree: number, chord: PlanChord): boolean {
  const relative = (((degree - chord.degree) % 7) + 7) % 7;
  return relative === 0 || relative === 2 || relative === 4;
}

const NUMERALS = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii'];

/** 'I', 'vi', 'V7', 'ii7' → a chord; uppercase V in a minor key becomes a dominant. */
export function parseRoman(numeral: string, mode: Mode): PlanChord {
  const seventh = numeral.endsWith('7');
  const base = numeral.replace('7', '').replace('°', '');
  const degree = NUMERALS.indexOf(base.toLowerCase());
  if (degree < 0) throw new Error(`bad roman numeral ${numeral}`);
  const upper = base === base.toUpperCase();
  const dominant = mode === 'minor' && upper && degree === 4;
  return { degree, seventh, dominant };
}

export function midiToFrequency(midi: number): number {
  return 440 * Math.pow(2, (midi - 69) / 12);
}
