// The built-in lyric writer: rule-based, from templates, a rhyme dictionary and mood words.
// The chorus is written once and repeated; each verse is new; lines end in rhymes (AABB or
// ABAB, chosen by the seed) and are balanced to similar syllable counts.
import { createRandom, mixSeed, type Random } from '../procedural/random.ts';
import { lyricsText } from './format.ts';
import { groupFor, RHYME_GROUPS, type RhymeGroup } from './rhyme-dictionary.ts';
import { countLineSyllables } from './syllables.ts';
import { DEFAULT_STRUCTURE, type LyricsRequest, type LyricsResult, type LyricsSectionKind } from './types.ts';
import { MOOD_WORDS, moodName, TEMPLATES, themeWords, type MoodWords } from './vocabulary.ts';

export type RhymeScheme = 'AABB' | 'ABAB';

const LINES: Record<LyricsSectionKind, number> = { verse: 4, chorus: 4, bridge: 4, 'pre-chorus': 2, outro: 2 };
/** Syllables a line aims for; candidates closest to it win. */
const TARGET_SYLLABLES: Record<LyricsSectionKind, number> = { verse: 8, chorus: 7, bridge: 7, 'pre-chorus': 7, outro: 6 };
const CANDIDATES_PER_LINE = 12;

interface Writer {
  random: Random;
  words: MoodWords;
  theme: string[];
  /** Rhyme words already used outside the chorus, so verses do not repeat each other. */
  usedRhymes: Set<string>;
  usedGroups: Set<string>;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fill(template: string, writer: Writer, rhyme: string): string {
  const { random, words, theme } = writer;
  const themeWord = theme.length > 0 ? random.pick(theme) : 'you';
  const line = template
    .replace('{A}', random.pick(words.adjectives))
    .replace('{V}', random.pick(words.verbs))
    .replace('{T}', themeWord)
    .replace('{R}', rhyme);
  return capitalize(line);
}

/** The best of several filled templates by distance to the target syllable count. */
function writeLine(kind: LyricsSectionKind, writer: Writer, rhyme: string, avoid: Set<string>): { line: string; template: string } {
  let best = { line: '', template: '' };
  let bestScore = Infinity;
  for (let i = 0; i < CANDIDATES_PER_LINE; i++) {
    const template = writer.random.pick(TEMPLATES[kind]);
    const line = fill(template, writer, rhyme);
    const score = Math.abs(countLineSyllables(line) - TARGET_SYLLABLES[kind]) + (avoid.has(template) ? 3 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = { line, template };
    }
  }
  return best;
}

/** A rhyme group with enough unused words; theme words that rhyme pull their group forward. */
function pickGroup(writer: Writer, need: number, preferTheme: boolean): { group: RhymeGroup; words: string[] } {
  if (preferTheme) {
    for (const word of writer.theme) {
      const group = groupFor(word);
      if (group && !writer.usedGroups.has(group.tail)) {
        const others = group.words.filter((w) => w !== word && !writer.usedRhymes.has(w));
        if (others.length >= need - 1) return { group, words: [word, ...others] };
      }
    }
  }
  const open = RHYME_GROUPS.filter((g) => !writer.usedGroups.has(g.tail) && g.words.filter((w) => !writer.usedRhymes.has(w)).length >= need);
  const group = writer.random.pick(open.length > 0 ? open : RHYME_GROUPS);
  return { group, words: group.words.filter((w) => !writer.usedRhymes.has(w)) };
}

function rhymeWords(writer: Writer, need: number, preferTheme: boolean): string[] {
  const { group, words } = pickGroup(writer, need, preferTheme);
  writer.usedGroups.add(group.tail);
  const pool = [...words];
  const chosen: string[] = [];
  // A theme word placed first by pickGroup stays first, the rest are drawn at random.
  if (preferTheme && pool.length > 0 && writer.theme.includes(pool[0])) chosen.push(pool.shift()!);
  while (chosen.length < need) {
    const source = pool.length > 0 ? pool : group.words;
    const index = writer.random.int(0, source.length - 1);
    chosen.push(source[index]);
    if (pool.length > 0) pool.splice(index, 1);
  }
  return chosen;
}

/** Which rhyme (0 = A, 1 = B) each line of a section ends on. */
export function schemeSlots(scheme: RhymeScheme, lines: number): number[] {
  if (lines <= 2) return Array(lines).fill(0);
  return Array.from({ length: lines }, (_, i) => (scheme === 'AABB' ? Math.floor(i / 2) % 2 : i % 2));
}

function writeSection(kind: LyricsSectionKind, writer: Writer, scheme: RhymeScheme): string[] {
  const lines = LINES[kind];
  const slots = schemeSlots(scheme, lines);
  const perRhyme = [slots.filter((s) => s === 0).length, slots.filter((s) => s === 1).length];
  const rhymes = [rhymeWords(writer, perRhyme[0], kind === 'chorus'), perRhyme[1] > 0 ? rhymeWords(writer, perRhyme[1], false) : []];
  const counters = [0, 0];
  const usedTemplates = new Set<string>();
  return slots.map((slot) => {
    const word = rhymes[slot][counters[slot]++];
    if (kind !== 'chorus') writer.usedRhymes.add(word);
    const { line, template } = writeLine(kind, writer, word, usedTemplates);
    usedTemplates.add(template);
    return line;
  });
}

function writeTitle(writer: Writer, chorus: string[] | null): string {
  if (writer.theme.length > 0 && writer.theme.length <= 3) return writer.theme.map(capitalize).join(' ');
  const hook = chorus?.[0]?.split(/\s+/).pop() ?? writer.random.pick(RHYME_GROUPS).words[0];
  return `${capitalize(writer.random.pick(writer.words.adjectives))} ${capitalize(hook.replace(/[^a-z]/gi, ''))}`;
}

/** Deterministic for a given request and seed. */
export function writeLyrics(request: LyricsRequest): LyricsResult {
  const seed = (request.seed ?? 0) >>> 0;
  const structure = request.structure && request.structure.length > 0 ? request.structure : DEFAULT_STRUCTURE;
  const writer: Writer = {
    random: createRandom(mixSeed(seed, `lyrics:${request.theme}:${request.mood ?? ''}`)),
    words: MOOD_WORDS[moodName(request.mood ?? request.theme)],
    theme: themeWords(request.theme),
    usedRhymes: new Set(),
    usedGroups: new Set(),
  };
  const scheme: RhymeScheme = writer.random.chance(0.5) ? 'AABB' : 'ABAB';
  const written = new Map<LyricsSectionKind, string[]>();
  const sections = structure.map((kind) => {
    // The chorus (and a repeated pre-chorus) is written once and sung the same every time.
    const repeats = kind === 'chorus' || kind === 'pre-chorus';
    let lines = repeats ? written.get(kind) : undefined;
    if (!lines) {
      lines = writeSection(kind, writer, scheme);
      if (repeats) written.set(kind, lines);
    }
    return { kind, lines: [...lines] };
  });
  return {
    title: writeTitle(writer, written.get('chorus') ?? null),
    sections,
    text: lyricsText(sections),
    engine: 'builtin-lyrics-v1',
  };
}
