// Rule-based prompt reading: keyword lists and a few regular expressions, nothing learned.
// It finds a genre, an explicit tempo, a key, a mood and instrument mentions; what it does not
// find is left null for the seed to choose.
import { GENRES } from './genres.ts';
import { keyName, pitchClassOf } from './music-theory.ts';
import type { Mode, Mood, ParsedPrompt } from './types.ts';

export const BPM_RANGE = { min: 50, max: 200 } as const;

const MOOD_WORDS: Record<Mood, string[]> = {
  happy: ['happy', 'joyful', 'cheerful', 'uplifting', 'bright', 'sunny', 'fun', 'feel good', 'feel-good'],
  sad: ['sad', 'melancholic', 'melancholy', 'heartbreak', 'lonely', 'sorrow', 'emotional', 'nostalgic'],
  dark: ['dark', 'ominous', 'sinister', 'moody', 'tense', 'haunting', 'gloomy'],
  chill: ['chill', 'relaxed', 'calm', 'mellow', 'peaceful', 'soft', 'dreamy', 'laid back', 'laid-back'],
  energetic: ['energetic', 'upbeat', 'driving', 'powerful', 'intense', 'hype', 'fast', 'aggressive'],
};

/** Mentioned instrument → the canonical name used in plans. Longer phrases are tried first. */
const INSTRUMENT_WORDS: [string, string][] = [
  ['electric piano', 'epiano'], ['rhodes', 'epiano'], ['keys', 'epiano'], ['piano', 'piano'],
  ['acoustic guitar', 'guitar'], ['electric guitar', 'guitar'], ['guitar', 'guitar'],
  ['strings', 'strings'], ['violin', 'strings'], ['cello', 'strings'], ['orchestra', 'strings'],
  ['synth', 'synth'], ['pads', 'pad'], ['pad', 'pad'], ['organ', 'organ'], ['808', '808'],
  ['flute', 'flute'], ['bells', 'bell'], ['glockenspiel', 'bell'], ['music box', 'bell'],
  ['bass', 'bass'], ['no drums', 'no-drums'], ['without drums', 'no-drums'], ['drums', 'drums'],
];

function containsWord(text: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\&]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9&])${escaped}($|[^a-z0-9&])`).test(text);
}

function findGenre(text: string): string | null {
  // The earliest mention wins ("jazzy hip hop" is jazz first), ties go to the longer keyword.
  let best: { name: string; index: number; length: number } | null = null;
  for (const genre of GENRES) {
    for (const keyword of genre.keywords) {
      if (!containsWord(text, keyword)) continue;
      const index = text.indexOf(keyword);
      if (!best || index < best.index || (index === best.index && keyword.length > best.length)) {
        best = { name: genre.name, index, length: keyword.length };
      }
    }
  }
  return best?.name ?? null;
}

function findBpm(text: string): number | null {
  const match = /(?<![\d.])(\d{2,3}(?:\.\d+)?)\s*-?\s*bpm\b/.exec(text) ?? /\btempo\s*(?:of\s*)?(\d{2,3})\b/.exec(text);
  if (!match) return null;
  const bpm = Math.round(Number(match[1]));
  return Math.min(BPM_RANGE.max, Math.max(BPM_RANGE.min, bpm));
}

const NOTE = '([a-g](?:#|♯|b|♭)?)';

/** "in D minor", "A major", "key of Eb", "F#m", "Am". Works on the original casing for bare "Am". */
function findKey(original: string): { key: string; mode: Mode | null } | null {
  const text = original.toLowerCase();
  const patterns: RegExp[] = [
    // "in a …" is common English, so after "in" the mode must be spelled out.
    new RegExp(`\\bkey(?: of)?\\s+${NOTE}\\s*(major|minor|maj|min|m)?(?![a-z#♯♭])`),
    new RegExp(`\\bin\\s+${NOTE}\\s*(major|minor|maj|min|m)(?![a-z])`),
    new RegExp(`(?:^|[^a-z])${NOTE}\\s*(major|minor)\\b`),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const pitchClass = pitchClassOf(match[1]);
    if (pitchClass === null) continue;
    const suffix = match[2];
    const mode: Mode | null = suffix === undefined ? null : suffix.startsWith('maj') ? 'major' : 'minor';
    return { key: keyName(pitchClass), mode };
  }
  // Bare chord-style keys must be capitalised ("F#m", "Am") so words like "am" do not match.
  const bare = /(?:^|[\s,(])([A-G](?:#|♯|b|♭)?)(m|min|maj)?(?=$|[\s,.)])/.exec(original);
  if (bare && (bare[2] !== undefined || bare[1].length === 2)) {
    const pitchClass = pitchClassOf(bare[1]);
    if (pitchClass !== null) return { key: keyName(pitchClass), mode: bare[2] === 'maj' ? 'major' : bare[2] ? 'minor' : null };
  }
  return null;
}

function findMood(text: string): Mood | null {
  let best: { mood: Mood; index: number } | null = null;
  for (const [mood, words] of Object.entries(MOOD_WORDS) as [Mood, string[]][]) {
    for (const word of words) {
      if (!containsWord(text, word)) continue;
      const index = text.indexOf(word);
      if (!best || index < best.index) best = { mood, index };
    }
  }
  return best?.mood ?? null;
}

function findInstruments(text: string): string[] {
  const found: string[] = [];
  let rest = text;
  for (const [phrase, name] of INSTRUMENT_WORDS) {
    if (!containsWord(rest, phrase)) continue;
    if (!found.includes(name)) found.push(name);
    rest = rest.split(phrase).join(' ');
  }
  return found;
}

export function parsePrompt(prompt: string): ParsedPrompt {
  const text = prompt.toLowerCase();
  const key = findKey(prompt);
  return {
    genre: findGenre(text),
    bpm: findBpm(text),
    key: key?.key ?? null,
    mode: key?.mode ?? null,
    instruments: findInstruments(text),
    mood: findMood(text),
  };
}
