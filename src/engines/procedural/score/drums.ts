// Drum patterns as sixteen-step grids (a digit is a velocity 1–9, '-' a rest) and the rules
// that vary them by section: sparse intros, crashes into choruses, fills before a change.
import type { Random } from '../random.ts';
import type { DrumPiece } from '../synth/drum-kit.ts';
import type { DrumPattern, SectionName } from '../types.ts';

type Grid = Partial<Record<DrumPiece, string>>;

export const DRUM_GRIDS: Record<DrumPattern, Grid> = {
  none: {},
  backbeat: { kick: '9-----6-9-------', snare: '----9-------9---', hat: '7-5-7-5-7-5-7-5-' },
  rock: { kick: '9-----7-9-7-----', snare: '----9-------9---', hat: '8-6-8-6-8-6-8-6-' },
  'four-on-floor': { kick: '9---9---9---9---', clap: '----8-------8---', openhat: '--6---6---6---6-', hat: '-3-3-3-3-3-3-3-3' },
  techno: { kick: '9---9---9---9---', clap: '----5-------5---', openhat: '--7---7---7---7-', hat: '3-33-3-33-3-33-3' },
  'boom-bap': { kick: '9-----9---8-----', snare: '----9-------9---', hat: '6-4-6-4-6-4-6-4-' },
  trap: { kick: '9------8--9-----', clap: '--------9-------', hat: '5353535353535353' },
  halftime: { kick: '9-----6---8-----', snare: '--------9-------', hat: '6-4-6-4-6-4-6-4-' },
  'jazz-swing': { ride: '8---7-5-8---7-5-', hat: '----6-------6---', kick: '3-------3-------' },
  folk: { kick: '8-------7-------', snare: '----6-------6---', shaker: '5-3-5-3-5-3-5-3-' },
  kids: { kick: '8-------8-------', snare: '----7-------7---', hat: '5-4-5-4-5-4-5-4-' },
  cinematic: { kick: '9-------------6-', tom: '--------7---5-5-' },
  metal: { kick: '9696969696969696', snare: '----9-------9---', hat: '7-7-7-7-7-7-7-7-' },
  ambient: { kick: '5---------------', shaker: '3-------3-------' },
};

const QUIET_PIECES: DrumPiece[] = ['hat', 'ride', 'shaker', 'openhat'];

export interface DrumHitSpec {
  step: number;
  piece: DrumPiece;
  velocity: number;
}

interface BarContext {
  section: SectionName;
  barInSection: number;
  sectionBars: number;
  /** The section after this one, or null at the end of the part. */
  next: SectionName | null;
  /** True for the very first bar after an intro or at a chorus start. */
  sectionStart: boolean;
}

/** Which pieces play and how loud, by section. */
function sectionLevel(ctx: BarContext): { pieces: (piece: DrumPiece) => boolean; level: number } {
  const secondHalf = ctx.barInSection >= ctx.sectionBars / 2;
  switch (ctx.section) {
    case 'intro':
      return { pieces: (p) => QUIET_PIECES.includes(p) || (secondHalf && p === 'kick'), level: secondHalf ? 0.7 : 0.55 };
    case 'verse':
      return { pieces: (p) => p !== 'openhat' || secondHalf, level: 0.85 };
    case 'chorus':
      return { pieces: () => true, level: 1 };
    case 'bridge':
      return { pieces: (p) => p !== 'openhat', level: 0.72 };
    case 'outro':
      return { pieces: (p) => !secondHalf || QUIET_PIECES.includes(p), level: 0.7 };
  }
}

/** The hits of one bar, before timing. */
export function drumBar(pattern: DrumPattern, ctx: BarContext, random: Random): DrumHitSpec[] {
  const grid = DRUM_GRIDS[pattern];
  const { pieces, level } = sectionLevel(ctx);
  const lastBar = ctx.barInSection === ctx.sectionBars - 1;
  const fill = lastBar && ctx.next !== null && ctx.next !== 'outro' && pattern !== 'none' && pattern !== 'ambient'
    && (ctx.next === 'chorus' ? random.chance(0.8) : random.chance(0.4));
  const hits: DrumHitSpec[] = [];
  for (const [piece, row] of Object.entries(grid) as [DrumPiece, string][]) {
    if (!pieces(piece)) continue;
    // The bridge keeps only the downbeat of the kick, which opens the groove up.
    const bridgeKick = ctx.section === 'bridge' && piece === 'kick';
    for (let step = 0; step < 16; step++) {
      const ch = row[step];
      if (ch === '-' || (bridgeKick && step !== 0)) continue;
      if (fill && step >= 12 && piece !== 'kick') continue;
      const velocity = (Number(ch) / 9) * level * (0.92 + 0.16 * random.next());
      hits.push({ step, piece, velocity });
    }
  }
  if (fill) {
    const fillPiece: DrumPiece = pattern === 'cinematic' ? 'tom' : pattern === 'jazz-swing' || pattern === 'folk' ? 'snare' : random.pick(['snare', 'snare', 'tom']);
    for (let step = 12; step < 16; step++) hits.push({ step, piece: fillPiece, velocity: (0.45 + 0.15 * (step - 12)) * level });
  }
  if (ctx.sectionStart && pattern !== 'none' && pattern !== 'ambient') hits.push({ step: 0, piece: 'crash', velocity: 0.8 * level });
  return hits;
}
