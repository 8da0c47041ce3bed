// Places lyric lines onto the arrangement: one note per syllable, a line per one- or two-bar
// slot, a rest at the end of each line. The rhythm depends only on the syllables and the
// sections, never on the seed, so a repaint or retake keeps the lyric timing of its parent.
import { lineSyllables } from '../lyrics/syllables.ts';
import type { AlignedLine, PlanSection, SectionName } from './types.ts';

export interface Stanza {
  kind: SectionName | null;
  lines: string[];
}

const HEADER = /^\s*[[(]?\s*(intro|verse|pre-?chorus|chorus|hook|refrain|bridge|outro)\b[^\])]*[\])]?\s*:?\s*$/i;

function headerKind(word: string): SectionName | 'pre-chorus' {
  const w = word.toLowerCase();
  if (w.startsWith('pre')) return 'pre-chorus';
  if (w === 'hook' || w === 'refrain') return 'chorus';
  return w as SectionName;
}

/** Splits lyrics into stanzas by "[Verse 1]"-style headers and blank lines. */
export function parseStanzas(text: string): Stanza[] {
  const stanzas: Stanza[] = [];
  let current: Stanza | null = null;
  let pendingKind: SectionName | 'pre-chorus' | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = HEADER.exec(line);
    if (header) {
      current = null;
      pendingKind = headerKind(header[1]);
      continue;
    }
    if (line === '') {
      current = null;
      continue;
    }
    if (!current) {
      // A pre-chorus is sung at the end of the verse before it.
      const previous = stanzas[stanzas.length - 1];
      if (pendingKind === 'pre-chorus' && previous && previous.kind !== 'chorus') {
        current = previous;
      } else {
        current = { kind: pendingKind === 'pre-chorus' ? 'verse' : pendingKind, lines: [] };
        stanzas.push(current);
      }
      pendingKind = null;
    }
    current.lines.push(line);
  }
  return stanzas;
}

/** Unlabelled stanzas take the usual song order: verse, chorus, verse, chorus, bridge, … */
function labelStanzas(stanzas: Stanza[]): Stanza[] {
  if (stanzas.every((s) => s.kind === null)) {
    const order: SectionName[] = ['verse', 'chorus', 'verse', 'chorus', 'bridge'];
    return stanzas.map((s, i) => ({ kind: order[i] ?? 'verse', lines: s.lines }));
  }
  return stanzas.map((s) => ({ kind: s.kind ?? 'verse', lines: s.lines }));
}

/** Picks the stanza each section sings; choruses repeat, verses are used once each. */
function assignStanzas(stanzas: Stanza[], sections: PlanSection[]): (Stanza | null)[] {
  const byKind = (kind: SectionName) => stanzas.filter((s) => s.kind === kind);
  const used: Record<string, number> = {};
  const assigned = sections.map((section): Stanza | null => {
    const pool = byKind(section.name);
    if (pool.length === 0) return null;
    const n = used[section.name] ?? 0;
    used[section.name] = n + 1;
    if (section.name === 'chorus') return pool[n % pool.length];
    return pool[n] ?? null;
  });
  // A short song may have no section of the kind the lyrics start with: sing it somewhere.
  if (!assigned.some((s) => s !== null) && stanzas.length > 0) {
    const target = sections.findIndex((s) => s.name === 'verse' || s.name === 'chorus');
    assigned[target >= 0 ? target : 0] = stanzas[0];
  }
  return assigned;
}

/** Rhythm of one line in a slot of `slotBeats`: equal note values, the last note held. */
function alignLine(text: string, startBeat: number, slotBeats: number): AlignedLine | null {
  const syllables = lineSyllables(text);
  if (syllables.length === 0) return null;
  const singBeats = slotBeats - 1;
  const unit = syllables.length <= singBeats ? 1 : syllables.length <= singBeats * 2 ? 0.5 : 0.25;
  // Lines too long even for sixteenths keep their text but sing only what fits.
  const sung = syllables.slice(0, Math.floor(singBeats / unit));
  const last = sung.length - 1;
  return {
    text,
    beat: startBeat,
    syllables: sung.map((syllable, i) => ({
      text: syllable,
      beat: startBeat + i * unit,
      beats: i === last ? Math.min(singBeats - last * unit, unit * 4) : unit,
    })),
  };
}

/** Aligns lyrics to sections; beats count from the start of the part that owns `sections`. */
export function alignLyrics(text: string, sections: PlanSection[]): AlignedLine[] {
  const stanzas = labelStanzas(parseStanzas(text));
  const assigned = assignStanzas(stanzas, sections);
  const lines: AlignedLine[] = [];
  sections.forEach((section, index) => {
    const stanza = assigned[index];
    if (!stanza) return;
    const slotBars = stanza.lines.length * 2 <= section.bars ? 2 : 1;
    const slots = Math.floor(section.bars / slotBars);
    stanza.lines.slice(0, slots).forEach((line, k) => {
      const aligned = alignLine(line, (section.startBar + k * slotBars) * 4, slotBars * 4);
      if (aligned) lines.push(aligned);
    });
  });
  return lines;
}
