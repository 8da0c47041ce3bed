// Band-limited single-cycle wavetables built additively: each table holds a fixed number of
// harmonics, and a note uses the richest table whose top harmonic stays below Nyquist, so no
// oscillator aliases. Tables do not depend on the sample rate and are built once per process.

export const TABLE_SIZE = 2048;
const MASK = TABLE_SIZE - 1;

export type Timbre = 'sine' | 'triangle' | 'saw' | 'soft-saw' | 'square' | 'organ' | 'epiano' | 'bell' | 'reed' | 'piano' | 'round-bass';

/** Harmonic amplitude for harmonic k (1-based) of each timbre. */
const HARMONICS: Record<Timbre, (k: number) => number> = {
  sine: (k) => (k === 1 ? 1 : 0),
  triangle: (k) => (k % 2 === 1 ? (((k - 1) / 2) % 2 === 0 ? 1 : -1) / (k * k) : 0),
  saw: (k) => 1 / k,
  'soft-saw': (k) => 1 / Math.pow(k, 1.6),
  square: (k) => (k % 2 === 1 ? 1 / k : 0),
  organ: (k) => ({ 1: 1, 2: 0.7, 3: 0.45, 4: 0.35, 6: 0.2, 8: 0.18 } as Record<number, number>)[k] ?? 0,
  epiano: (k) => ({ 1: 1, 2: 0.3, 3: 0.06, 4: 0.12, 7: 0.04 } as Record<number, number>)[k] ?? 0,
  bell: (k) => ({ 1: 1, 2: 0.1, 3: 0.35, 5: 0.25, 8: 0.15, 11: 0.08 } as Record<number, number>)[k] ?? 0,
  reed: (k) => ({ 1: 1, 2: 0.55, 3: 0.4, 4: 0.18, 5: 0.12, 6: 0.05 } as Record<number, number>)[k] ?? 0,
  piano: (k) => (k === 1 ? 1 : 0.55 / Math.pow(k, 1.25)),
  'round-bass': (k) => ({ 1: 1, 2: 0.45, 3: 0.2, 4: 0.1, 5: 0.05 } as Record<number, number>)[k] ?? 0,
};

/** Harmonic counts a table may hold; a note picks the largest that fits under Nyquist. */
const LEVELS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128];

let sineTable: Float64Array | null = null;
function sines(): Float64Array {
  if (!sineTable) {
    sineTable = new Float64Array(TABLE_SIZE);
    for (let i = 0; i < TABLE_SIZE; i++) sineTable[i] = Math.sin((2 * Math.PI * i) / TABLE_SIZE);
  }
  return sineTable;
}

const cache = new Map<string, Float32Array>();

/** A table of TABLE_SIZE + 1 samples (the guard sample makes interpolation branch-free). */
function buildTable(timbre: Timbre, harmonics: number): Float32Array {
  const sin = sines();
  const acc = new Float64Array(TABLE_SIZE);
  const amp = HARMONICS[timbre];
  for (let k = 1; k <= harmonics; k++) {
    const a = amp(k);
    if (a === 0) continue;
    // Integer index stepping keeps every harmonic exact and the table identical everywhere.
    for (let i = 0; i < TABLE_SIZE; i++) acc[i] += a * sin[(i * k) & MASK];
  }
  let peak = 0;
  for (let i = 0; i < TABLE_SIZE; i++) peak = Math.max(peak, Math.abs(acc[i]));
  const table = new Float32Array(TABLE_SIZE + 1);
  for (let i = 0; i < TABLE_SIZE; i++) table[i] = acc[i] / (peak || 1);
  table[TABLE_SIZE] = table[0];
  return table;
}

/** The table for a note of `frequency` Hz at `sampleRate`, capped at `maxHarmonics`. */
export function wavetableFor(timbre: Timbre, frequency: number, sampleRate: number, maxHarmonics: number): Float32Array {
  const fit = Math.min(maxHarmonics, Math.floor((0.45 * sampleRate) / frequency));
  let level = 1;
  for (const candidate of LEVELS) if (candidate <= fit) level = candidate;
  const id = `${timbre}:${level}`;
  let table = cache.get(id);
  if (!table) {
    table = buildTable(timbre, level);
    cache.set(id, table);
  }
  return table;
}
