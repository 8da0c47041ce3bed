// The note list a part renders from: frames, tracks and velocities, nothing musical left to
// decide. Tracks are mono buses that the mixer pans and sends to the reverb.
import type { DrumPiece } from '../synth/drum-kit.ts';
import type { VoiceName } from '../types.ts';

// Instruments share a few mix buses by where they sit, which keeps the mixer cheap: kick and
// bass dry in the centre, snare and lead centred with reverb, cymbals slightly right, chord
// parts spread left and right. Each instrument's level is applied to its notes' velocities.
export const TRACK = { kick: 0, bass: 0, snare: 1, lead: 1, hats: 2, chordsL: 3, chordsR: 4 } as const;
export const TRACK_COUNT = 5;

/** Per-bus pan (-1 left … 1 right) and reverb send. */
export const TRACK_MIX: { pan: number; send: number }[] = [
  { pan: 0, send: 0 },
  { pan: 0, send: 0.3 },
  { pan: 0.3, send: 0.12 },
  { pan: -0.6, send: 0.4 },
  { pan: 0.6, send: 0.4 },
];

/** Instrument levels, applied as velocity scale. */
export const LEVEL = { kick: 0.85, snare: 0.5, hats: 0.22, bass: 0.5, chords: 0.22, lead: 0.3 } as const;

export interface ToneEvent {
  start: number;
  /** Note-off frame; the release rings on after it. */
  end: number;
  track: number;
  voice: VoiceName;
  midi: number;
  velocity: number;
  /** A second, detuned copy of the note on this track (-1: none), `spread` cents apart. */
  pairTrack: number;
  spread: number;
}

export interface HitEvent {
  start: number;
  piece: DrumPiece;
  velocity: number;
  track: number;
}

export interface Score {
  tones: ToneEvent[];
  hits: HitEvent[];
  frames: number;
}

export function drumTrack(piece: DrumPiece): { track: number; level: number } {
  if (piece === 'kick') return { track: TRACK.kick, level: LEVEL.kick };
  if (piece === 'snare' || piece === 'clap' || piece === 'tom') return { track: TRACK.snare, level: LEVEL.snare };
  return { track: TRACK.hats, level: LEVEL.hats };
}

/**
 * Beat → frame with swing: the off-beat eighth moves later by `swing` of a half beat and the
 * sixteenths around it stretch to match, so straight and swung parts share one grid.
 */
export function createClock(bpm: number, sampleRate: number, swing: number): (beat: number) => number {
  const framesPerBeat = (sampleRate * 60) / bpm;
  const mid = 0.5 + 0.5 * swing;
  return (beat) => {
    const whole = Math.floor(beat);
    const f = beat - whole;
    const warped = f < 0.5 ? f * (mid / 0.5) : mid + (f - 0.5) * ((1 - mid) / 0.5);
    return Math.round((whole + warped) * framesPerBeat);
  };
}
