// Song form sized to the requested duration: bars at the tempo, then intro/verse/chorus/
// bridge/outro blocks of four and eight bars. Short durations get fewer sections.
import type { Random } from './random.ts';
import type { PlanSection, SectionName } from './types.ts';

export function barSeconds(bpm: number): number {
  return (4 * 60) / bpm;
}

/** Bars needed to cover `seconds` (the last one may be cut by the end of the audio). */
export function barsFor(seconds: number, bpm: number): number {
  return Math.max(1, Math.ceil(seconds / barSeconds(bpm) - 1e-9));
}

function withStarts(blocks: { name: SectionName; bars: number }[], firstBar = 0): PlanSection[] {
  let bar = firstBar;
  return blocks.map((b) => {
    const section = { name: b.name, startBar: bar, bars: b.bars };
    bar += b.bars;
    return section;
  });
}

/** The order body sections follow; a bridge only after two choruses. */
const BODY_ORDERS: SectionName[][] = [
  ['verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus', 'verse', 'chorus', 'chorus'],
  ['verse', 'verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus', 'chorus', 'verse'],
  ['chorus', 'verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus', 'verse', 'chorus'],
];

function bodyBlocks(bars: number, order: SectionName[]): { name: SectionName; bars: number }[] {
  if (bars < 12) return [{ name: 'chorus', bars }];
  const blocks: { name: SectionName; bars: number }[] = [];
  let left = bars;
  for (let i = 0; left > 0; i++) {
    const name = order[i % order.length];
    // A remainder shorter than four bars is folded into the last block instead of standing alone.
    const size = left - 8 < 4 ? left : 8;
    blocks.push({ name, bars: size });
    left -= size;
  }
  return blocks;
}

/**
 * Sections covering `totalBars`. `opening` false (an extension's continuation) skips the intro
 * so the music carries on rather than starting over.
 */
export function arrangeSections(totalBars: number, random: Random, opening = true): PlanSection[] {
  const intro = !opening || totalBars < 16 ? 0 : totalBars >= 48 ? 4 : 2;
  const outro = totalBars >= 24 ? 4 : totalBars >= 12 ? 2 : 0;
  const order = random.pick(opening ? BODY_ORDERS : BODY_ORDERS.slice(0, 2));
  const blocks = [
    ...(intro ? [{ name: 'intro' as const, bars: intro }] : []),
    ...bodyBlocks(totalBars - intro - outro, order),
    ...(outro ? [{ name: 'outro' as const, bars: outro }] : []),
  ];
  return withStarts(blocks);
}

/** Shifts sections to start after `firstBar` bars (for listing an extension's whole form). */
export function offsetSections(sections: PlanSection[], firstBar: number): PlanSection[] {
  return sections.map((s) => ({ ...s, startBar: s.startBar + firstBar }));
}
