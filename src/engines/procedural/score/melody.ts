// The lead melody, in scale degrees (0 = tonic of the lead's octave). Strong beats land on chord
// tones, weak beats move by step along an arch-shaped contour, phrases end on a root or third.
// Instrumental melodies come from rhythm cells in an A A B A phrase plan; with lyrics the rhythm
// is the syllables' and each line is a phrase. A melody depends only on the melody seed, the
// section kind, its chords and its lyrics, so a remix can replay it in another style.
import { isChordTone } from '../music-theory.ts';
import { createRandom, mixSeed, type Random } from '../random.ts';
import type { AlignedLine, PlanChord, SectionName } from '../types.ts';

export interface MelodyNote {
  /** Beats from the start of the part. */
  beat: number;
  beats: number;
  degree: number;
  velocity: number;
}

/** One-bar rhythm cells: [start, length] in eighth notes. */
const CELLS: [number, number][][] = [
  [[0, 2], [2, 2], [4, 2], [6, 2]],
  [[0, 3], [3, 1], [4, 2], [6, 2]],
  [[0, 1], [1, 1], [2, 2], [4, 1], [5, 1], [6, 2]],
  [[0, 2], [2, 1], [3, 1], [4, 4]],
  [[1, 1], [2, 2], [4, 3], [7, 1]],
  [[0, 2], [3, 1], [4, 2], [6, 1], [7, 1]],
];
/** Cells that close a two-bar phrase on a long note. */
const ENDINGS: [number, number][][] = [
  [[0, 2], [2, 6]],
  [[0, 4], [4, 4]],
  [[0, 1], [1, 1], [2, 6]],
  [[0, 3], [3, 5]],
];

const RANGE = { low: -3, high: 10 };
const REGISTER: Record<SectionName, number> = { intro: 2, verse: 0, chorus: 2, bridge: 1, outro: 0 };

function clampDegree(d: number): number {
  return Math.max(RANGE.low, Math.min(RANGE.high, d));
}

/** The chord tone nearest `target`; ties broken by the random source. */
function nearestChordTone(target: number, chord: PlanChord, random: Random, rootOrThird = false): number {
  const candidates: number[] = [];
  for (let d = target - 4; d <= target + 4; d++) {
    if (d < RANGE.low || d > RANGE.high || !isChordTone(d, chord)) continue;
    const rel = (((d - chord.degree) % 7) + 7) % 7;
    if (rootOrThird && rel === 4) continue;
    candidates.push(d);
  }
  if (candidates.length === 0) return clampDegree(target);
  let bestDistance = Infinity;
  let best: number[] = [];
  for (const d of candidates) {
    const distance = Math.abs(d - target);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = [d];
    } else if (distance === bestDistance) best.push(d);
  }
  return best.length === 1 ? best[0] : random.pick(best);
}

interface PitchState {
  previous: number;
  /** The register the section's melody keeps returning to. */
  center: number;
}

/** Degrees a melody may wander from its register before it is steered back. */
const WANDER = 4;

/**
 * Pitch for one note. `position` in [0, 1) is how far through its phrase the note lies: the
 * contour rises through the first half and falls back in the second.
 */
function choosePitch(state: PitchState, chord: PlanChord, strong: boolean, position: number, phraseEnd: boolean, random: Random): number {
  const { previous, center } = state;
  const home = Math.sign(center - previous);
  const direction = Math.abs(previous - center) > WANDER ? home : position < 0.5 ? 1 : -1;
  let degree: number;
  if (phraseEnd) {
    // Close between where the phrase got to and the register, on a root or third.
    degree = nearestChordTone(Math.round((previous + center) / 2), chord, random, true);
  } else if (strong) {
    degree = nearestChordTone(previous + direction * random.int(1, 2), chord, random);
  } else {
    const step = random.pick([1, 1, 1, 2, -1, 0]) * direction * (random.chance(0.2) ? -1 : 1);
    degree = clampDegree(previous + step);
  }
  state.previous = degree;
  return degree;
}

interface SectionInput {
  kind: SectionName;
  bars: number;
  startBeat: number;
  chords: PlanChord[];
  melodySeed: number;
}

function chordAt(input: SectionInput, beatInSection: number): PlanChord {
  return input.chords[Math.floor(beatInSection / 4) % input.chords.length];
}

/** An instrumental melody for a section: two-bar phrases A A B A. */
export function instrumentalMelody(input: SectionInput): MelodyNote[] {
  const random = createRandom(mixSeed(input.melodySeed, input.kind));
  const phraseA = [random.pick(CELLS), random.pick(ENDINGS)];
  const phraseB = [random.pick(CELLS), random.pick(ENDINGS)];
  const state: PitchState = { previous: REGISTER[input.kind], center: REGISTER[input.kind] + 2 };
  const notes: MelodyNote[] = [];
  const phrases = Math.floor(input.bars / 2);
  for (let p = 0; p < phrases; p++) {
    const cells = p % 4 === 2 ? phraseB : phraseA;
    const phraseNotes = cells.flatMap((cell, bar) => cell.map(([start, length]) => ({ eighth: bar * 8 + start, length })));
    phraseNotes.forEach(({ eighth, length }, i) => {
      const beatInSection = p * 8 + eighth / 2;
      const strong = eighth % 4 === 0;
      const pitch = choosePitch(state, chordAt(input, beatInSection), strong, i / phraseNotes.length, i === phraseNotes.length - 1, random);
      notes.push({ beat: input.startBeat + beatInSection, beats: length / 2, degree: pitch, velocity: strong ? 1 : 0.82 });
    });
  }
  return notes;
}

/** A melody on the syllables of the lines sung in this section, one note per syllable. */
export function lyricMelody(input: SectionInput, lines: AlignedLine[]): MelodyNote[] {
  const notes: MelodyNote[] = [];
  for (const line of lines) {
    // Seeding by the line's text makes a repeated chorus sing the same tune every time.
    const random = createRandom(mixSeed(mixSeed(input.melodySeed, input.kind), line.text));
    const state: PitchState = { previous: REGISTER[input.kind] + random.int(0, 2), center: REGISTER[input.kind] + 2 };
    line.syllables.forEach((syllable, i) => {
      const beatInSection = syllable.beat - input.startBeat;
      const strong = beatInSection % 2 === 0;
      const last = i === line.syllables.length - 1;
      const pitch = choosePitch(state, chordAt(input, beatInSection), strong, i / line.syllables.length, last, random);
      notes.push({ beat: syllable.beat, beats: syllable.beats * 0.92, degree: pitch, velocity: strong ? 1 : 0.85 });
    });
  }
  return notes;
}
