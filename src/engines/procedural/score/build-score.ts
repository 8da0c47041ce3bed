// Turns a plan part into the note list: for every bar of every section, the drums, bass, chords
// and pad by the style's patterns, and the lead melody (on the lyric syllables where there are
// lyrics). All randomness is seeded per section, so a section's notes never depend on how many
// random numbers an earlier section used.
import { melodySemitones, pitchClassOf } from '../music-theory.ts';
import { createRandom, mixSeed } from '../random.ts';
import { VOICES } from '../synth/voices.ts';
import type { Mode, PlanPart, PlanSection, PlanStyle, VoiceName } from '../types.ts';
import { drumBar } from './drums.ts';
import { createClock, drumTrack, LEVEL, TRACK, type HitEvent, type Score, type ToneEvent } from './events.ts';
import { bassBar, chordBar, voiceChord } from './harmony.ts';
import { instrumentalMelody, lyricMelody } from './melody.ts';

export interface ScoreInput {
  sampleRate: number;
  bpm: number;
  key: string;
  mode: Mode;
  style: PlanStyle;
  part: PlanPart;
}

const CHORD_LEVEL: Record<PlanSection['name'], number> = { intro: 0.6, verse: 0.8, chorus: 1, bridge: 0.85, outro: 0.6 };
const LEAD_LEVEL: Record<PlanSection['name'], number> = { intro: 0, verse: 0.75, chorus: 1, bridge: 0.85, outro: 0 };

interface Emitter {
  tones: ToneEvent[];
  hits: HitEvent[];
  frames: number;
  clock: (beat: number) => number;
}

function addTone(out: Emitter, beat: number, beats: number, track: number, voice: VoiceName, midi: number, velocity: number, pairTrack = -1): void {
  const start = out.clock(beat);
  if (start >= out.frames) return;
  const spread = pairTrack >= 0 ? VOICES[voice].detune : 0;
  out.tones.push({ start, end: Math.max(start + 1, out.clock(beat + beats)), track, voice, midi, velocity, pairTrack, spread });
}

/** Chord-like parts: wide voices get a detuned copy on each side, others alternate sides. */
function addChordNote(out: Emitter, beat: number, beats: number, voice: VoiceName, midi: number, velocity: number, index: number, pad: boolean): void {
  const detune = VOICES[voice].detune;
  // Pads sit behind the chord part on the same buses.
  const level = velocity * (pad ? LEVEL.chords * 0.7 : LEVEL.chords);
  if (detune > 0) {
    addTone(out, beat, beats, TRACK.chordsL, voice, midi, level, TRACK.chordsR);
  } else {
    addTone(out, beat, beats, index % 2 === 0 ? TRACK.chordsL : TRACK.chordsR, voice, midi, level);
  }
}

function addSectionParts(out: Emitter, input: ScoreInput, index: number, tonic: number, center: { value: number }): void {
  const { part, style, mode } = input;
  const section = part.sections[index];
  const next = part.sections[index + 1] ?? null;
  const progression = part.progressions[section.name];
  const random = createRandom(mixSeed(part.grooveSeed, index));
  const chordPattern = section.name === 'intro' || section.name === 'outro' ? 'sustain' : style.chords;
  for (let b = 0; b < section.bars; b++) {
    const barBeat = (section.startBar + b) * 4;
    if (out.clock(barBeat) >= out.frames) return;
    const chord = progression[b % progression.length];
    const nextChord = b + 1 < section.bars ? progression[(b + 1) % progression.length] : next ? part.progressions[next.name][0] : chord;
    const secondHalf = b >= section.bars / 2;

    if (style.drums !== 'none') {
      const ctx = {
        section: section.name, barInSection: b, sectionBars: section.bars, next: next?.name ?? null,
        sectionStart: b === 0 && (section.name === 'chorus' || (section.name === 'verse' && index > 0 && part.sections[index - 1].name === 'intro')),
      };
      for (const hit of drumBar(style.drums, ctx, random)) {
        const start = out.clock(barBeat + hit.step / 4);
        const { track, level } = drumTrack(hit.piece);
        if (start < out.frames) out.hits.push({ start, piece: hit.piece, velocity: hit.velocity * level, track });
      }
    }

    const bassPattern = section.name === 'outro' ? 'sustain' : style.bass;
    if (section.name !== 'intro' || secondHalf || style.bass === 'sustain') {
      for (const note of bassBar(bassPattern, tonic, chord, nextChord, mode, section.name === 'chorus' ? 1 : 0.85)) {
        addTone(out, barBeat + note.step / 4, note.steps / 4, TRACK.bass, style.bassVoice, note.midi, note.velocity * LEVEL.bass);
      }
    }

    const voicing = voiceChord(tonic, chord, mode, center.value);
    center.value = voicing.reduce((a, n) => a + n, 0) / voicing.length;
    chordBar(chordPattern, voicing, CHORD_LEVEL[section.name], b + random.int(0, 1)).forEach((note, k) => {
      addChordNote(out, barBeat + note.step / 4, note.steps / 4, style.chordVoice, note.midi, note.velocity * (0.95 + 0.1 * random.next()), k, false);
    });

    if (style.pad && section.name !== 'verse') {
      voicing.forEach((midi, k) => addChordNote(out, barBeat, 4, style.pad as VoiceName, midi + (k === 0 ? 0 : 12), 0.6, k, true));
    }
  }
}

function addSectionLead(out: Emitter, input: ScoreInput, index: number, tonic: number): void {
  const { part, style, mode } = input;
  const section = part.sections[index];
  const level = LEAD_LEVEL[section.name];
  if (level === 0) return;
  const startBeat = section.startBar * 4;
  const endBeat = startBeat + section.bars * 4;
  const melodyInput = { kind: section.name, bars: section.bars, startBeat, chords: part.progressions[section.name], melodySeed: part.melodySeed };
  const lines = (part.lyrics ?? []).filter((line) => line.beat >= startBeat && line.beat < endBeat);
  const sung = lines.length > 0;
  const notes = sung ? lyricMelody(melodyInput, lines) : instrumentalMelody(melodyInput);
  // With lyrics, the sections without words keep the lead quieter so the sung parts stand out.
  const velocity = sung ? 0.95 : part.lyrics ? level * 0.6 : level;
  for (const note of notes) {
    const chord = melodyInput.chords[Math.floor((note.beat - startBeat) / 4) % melodyInput.chords.length];
    const midi = tonic + melodySemitones(note.degree, chord, mode);
    addTone(out, note.beat, note.beats, TRACK.lead, sung ? 'vocal-lead' : style.lead, midi, note.velocity * velocity * LEVEL.lead);
  }
}

export function buildScore(input: ScoreInput): Score {
  const pitchClass = pitchClassOf(input.key) ?? 0;
  // The lead's tonic sits between G3 and F#4 so melodies stay in a singable register.
  const tonic = pitchClass <= 6 ? 60 + pitchClass : 48 + pitchClass;
  const out: Emitter = {
    tones: [],
    hits: [],
    frames: input.part.frames,
    clock: createClock(input.bpm, input.sampleRate, input.style.swing),
  };
  const center = { value: tonic + 2 };
  input.part.sections.forEach((_, index) => {
    addSectionParts(out, input, index, tonic, center);
    addSectionLead(out, input, index, tonic);
  });
  out.tones.sort((a, b) => a.start - b.start);
  out.hits.sort((a, b) => a.start - b.start);
  return { tones: out.tones, hits: out.hits, frames: out.frames };
}
