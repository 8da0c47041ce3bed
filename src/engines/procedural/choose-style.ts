// Fills in what the prompt left open: genre, tempo, mode, key, progressions and the
// instrumentation, each from the genre's options by the seed, nudged by the mood.
import { genreByName, GENRES, type GenreStyle } from './genres.ts';
import { keyName, parseRoman } from './music-theory.ts';
import type { Random } from './random.ts';
import type { Mode, Mood, ParsedPrompt, PlanChord, PlanStyle, SectionName } from './types.ts';
import { BPM_RANGE } from './parse-prompt.ts';

/** Genres a mood suggests when the prompt names none. */
const MOOD_GENRES: Record<Mood, string[]> = {
  happy: ['pop', 'kids', 'folk', 'edm'],
  sad: ['pop', 'folk', 'lofi', 'cinematic'],
  dark: ['techno', 'cinematic', 'hip hop', 'metal'],
  chill: ['lofi', 'ambient', 'r&b', 'jazz'],
  energetic: ['edm', 'rock', 'pop', 'techno'],
};

const MOOD_TEMPO: Record<Mood, number> = { happy: 1.05, sad: 0.9, dark: 1, chill: 0.9, energetic: 1.1 };
const MOOD_BRIGHTNESS: Record<Mood, number> = { happy: 0.15, sad: -0.15, dark: -0.2, chill: -0.1, energetic: 0.15 };

export function chooseGenre(parsed: ParsedPrompt, random: Random, avoid?: string): GenreStyle {
  if (parsed.genre) return genreByName(parsed.genre);
  const names = parsed.mood ? MOOD_GENRES[parsed.mood] : GENRES.map((g) => g.name);
  const options = names.filter((n) => n !== avoid);
  return genreByName(random.pick(options.length ? options : names));
}

export function chooseBpm(genre: GenreStyle, mood: Mood | null, random: Random): number {
  const [low, high] = genre.bpm;
  const base = low + random.next() * (high - low);
  const scaled = Math.round(base * (mood ? MOOD_TEMPO[mood] : 1));
  return Math.min(BPM_RANGE.max, Math.max(BPM_RANGE.min, scaled));
}

export function chooseMode(genre: GenreStyle, mood: Mood | null, random: Random): Mode {
  if (mood === 'happy') return 'major';
  if (mood === 'sad' || mood === 'dark') return 'minor';
  return random.chance(genre.majorChance) ? 'major' : 'minor';
}

export function chooseKey(random: Random): string {
  return keyName(random.int(0, 11));
}

/** Verse, chorus and bridge get different progressions where the genre has enough of them. */
export function chooseProgressions(genre: GenreStyle, mode: Mode, random: Random): Record<SectionName, PlanChord[]> {
  const pool = [...genre.progressions[mode]];
  const take = (): PlanChord[] => {
    const index = random.int(0, pool.length - 1);
    const chosen = pool[index];
    if (pool.length > 1) pool.splice(index, 1);
    return chosen.map((numeral) => parseRoman(numeral, mode));
  };
  const verse = take();
  const chorus = take();
  const bridge = take();
  return { intro: chorus, verse, chorus, bridge, outro: chorus };
}

/** Instrument mentions override the genre's defaults. */
function applyMentions(style: PlanStyle, instruments: string[], prompt: string): PlanStyle {
  const s = { ...style };
  for (const name of instruments) {
    if (name === 'piano') s.chordVoice = 'piano';
    else if (name === 'epiano') s.chordVoice = 'epiano';
    else if (name === 'organ') s.chordVoice = 'organ';
    else if (name === 'guitar') {
      s.chordVoice = 'guitar';
      if (s.chords !== 'arpeggio' && s.chords !== 'jazz-comp') s.chords = 'strum';
    } else if (name === 'strings') s.pad = 'strings';
    else if (name === 'pad') s.pad = 'pad';
    else if (name === 'synth') s.lead = 'synth-lead';
    else if (name === 'flute') s.lead = 'flute';
    else if (name === 'bell') s.lead = 'bell';
    else if (name === '808') {
      s.bassVoice = '808-bass';
      s.bass = '808';
    } else if (name === 'no-drums') s.drums = 'none';
  }
  if (/\b(trap|drill)\b/i.test(prompt) && s.drums !== 'none') s.drums = 'trap';
  return s;
}

export function chooseStyle(genre: GenreStyle, parsed: ParsedPrompt, prompt: string, random: Random): PlanStyle {
  const brightness = genre.brightness + (parsed.mood ? MOOD_BRIGHTNESS[parsed.mood] : 0);
  const style: PlanStyle = {
    drums: random.pick(genre.drums),
    kit: random.pick(genre.kits),
    bass: random.pick(genre.bass),
    bassVoice: random.pick(genre.bassVoices),
    chords: random.pick(genre.chords),
    chordVoice: random.pick(genre.chordVoices),
    pad: random.pick(genre.pads),
    lead: random.pick(genre.leads),
    swing: genre.swing,
    brightness: Math.max(0, Math.min(1, brightness)),
    reverb: genre.reverb,
  };
  // A chord part already played by a pad voice needs no second pad on top.
  if (style.pad === style.chordVoice) style.pad = null;
  return applyMentions(style, parsed.instruments, prompt);
}

export function instrumentList(style: PlanStyle, sung: boolean): string[] {
  const list: string[] = [];
  if (style.drums !== 'none') list.push(`drums (${style.kit})`);
  list.push(style.bassVoice, style.chordVoice);
  if (style.pad) list.push(style.pad);
  list.push(style.lead);
  if (sung) list.push('vocal-lead');
  return [...new Set(list)];
}
