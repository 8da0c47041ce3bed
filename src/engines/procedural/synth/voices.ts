// Instrument definitions for the pitched voices: a wavetable oscillator, a one-pole low-pass
// that tracks the note's pitch, and an attack/decay/sustain/release envelope. Plain data, so
// the renderer's inner loop stays one small function for every instrument.
import type { VoiceName } from '../types.ts';
import type { Timbre } from './wavetables.ts';

export interface VoiceDef {
  timbre: Timbre;
  maxHarmonics: number;
  attack: number;
  /** Time constant (s) of the fall from peak to sustain. */
  decay: number;
  sustain: number;
  release: number;
  /** Low-pass cutoff as a multiple of the note frequency, opened further by brightness. */
  cutoffRatio: number;
  gain: number;
  /** Cents between the two detuned copies of wide voices; 0 renders a single oscillator. */
  detune: number;
  vibratoDepth: number;
  vibratoRate: number;
  /** Semitones added to the part's register (a bell sits an octave above a flute). */
  octaveShift: number;
}

const base: VoiceDef = {
  timbre: 'saw', maxHarmonics: 48, attack: 0.005, decay: 0.5, sustain: 0.7, release: 0.15,
  cutoffRatio: 8, gain: 1, detune: 0, vibratoDepth: 0, vibratoRate: 5, octaveShift: 0,
};

export const VOICES: Record<VoiceName, VoiceDef> = {
  piano: { ...base, timbre: 'piano', maxHarmonics: 32, attack: 0.002, decay: 0.9, sustain: 0.12, release: 0.25, cutoffRatio: 10, gain: 0.9 },
  epiano: { ...base, timbre: 'epiano', maxHarmonics: 8, attack: 0.003, decay: 1.2, sustain: 0.2, release: 0.3, cutoffRatio: 12, gain: 0.95 },
  organ: { ...base, timbre: 'organ', maxHarmonics: 8, attack: 0.012, decay: 0.3, sustain: 0.9, release: 0.08, cutoffRatio: 16, gain: 0.55 },
  pad: { ...base, timbre: 'soft-saw', maxHarmonics: 24, attack: 0.45, decay: 1, sustain: 0.85, release: 1.0, cutoffRatio: 3, gain: 0.5, detune: 9 },
  strings: { ...base, timbre: 'saw', maxHarmonics: 32, attack: 0.25, decay: 1, sustain: 0.9, release: 0.6, cutoffRatio: 5, gain: 0.45, detune: 6, vibratoDepth: 0.002 },
  guitar: { ...base, timbre: 'saw', maxHarmonics: 32, attack: 0.002, decay: 0.45, sustain: 0.15, release: 0.12, cutoffRatio: 6, gain: 0.7 },
  'synth-chords': { ...base, timbre: 'soft-saw', maxHarmonics: 32, attack: 0.004, decay: 0.25, sustain: 0.4, release: 0.12, cutoffRatio: 5, gain: 0.6, detune: 8 },
  'synth-lead': { ...base, timbre: 'saw', maxHarmonics: 48, attack: 0.01, decay: 0.4, sustain: 0.75, release: 0.12, cutoffRatio: 6, gain: 0.5, vibratoDepth: 0.004, vibratoRate: 5.5 },
  'square-lead': { ...base, timbre: 'square', maxHarmonics: 32, attack: 0.006, decay: 0.3, sustain: 0.7, release: 0.1, cutoffRatio: 5, gain: 0.45, vibratoDepth: 0.003 },
  flute: { ...base, timbre: 'triangle', maxHarmonics: 16, attack: 0.05, decay: 0.6, sustain: 0.85, release: 0.12, cutoffRatio: 8, gain: 0.8, vibratoDepth: 0.005, vibratoRate: 5 },
  bell: { ...base, timbre: 'bell', maxHarmonics: 12, attack: 0.001, decay: 0.7, sustain: 0.05, release: 0.6, cutoffRatio: 20, gain: 0.55, octaveShift: 12 },
  'vocal-lead': { ...base, timbre: 'reed', maxHarmonics: 6, attack: 0.035, decay: 0.5, sustain: 0.85, release: 0.1, cutoffRatio: 7, gain: 0.75, vibratoDepth: 0.006, vibratoRate: 5.2 },
  'sub-bass': { ...base, timbre: 'round-bass', maxHarmonics: 3, attack: 0.006, decay: 0.6, sustain: 0.85, release: 0.08, cutoffRatio: 6, gain: 0.95 },
  'finger-bass': { ...base, timbre: 'round-bass', maxHarmonics: 5, attack: 0.004, decay: 0.5, sustain: 0.45, release: 0.07, cutoffRatio: 5, gain: 1 },
  'synth-bass': { ...base, timbre: 'saw', maxHarmonics: 24, attack: 0.003, decay: 0.25, sustain: 0.6, release: 0.06, cutoffRatio: 3, gain: 0.75 },
  '808-bass': { ...base, timbre: 'round-bass', maxHarmonics: 2, attack: 0.003, decay: 1.2, sustain: 0.35, release: 0.15, cutoffRatio: 8, gain: 1.1 },
};
