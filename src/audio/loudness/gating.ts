// Gated measures computed exactly from stored per-100 ms energies (BS.1770-4 integrated
// loudness, EBU Tech 3342 loudness range). Energies are channel-weighted sums of squared
// K-weighted samples over one hop; a window's mean square is its sum over (hops × hopFrames).

const ABSOLUTE_GATE_LUFS = -70;

export function energyToLufs(meanSquare: number): number {
  return -0.691 + 10 * Math.log10(meanSquare);
}

export function lufsToEnergy(lufs: number): number {
  return 10 ** ((lufs + 0.691) / 10);
}

/** Mean squares of every complete window of `windowHops` hops, one per hop. */
export function windowMeanSquares(
  hops: Float64Array,
  hopCount: number,
  windowHops: number,
  hopFrames: number,
): Float64Array {
  const n = Math.max(0, hopCount - windowHops + 1);
  const out = new Float64Array(n);
  const norm = 1 / (windowHops * hopFrames);
  for (let j = 0; j < n; j++) {
    // Summed afresh rather than as a running sum, so no error accumulates over hours.
    let s = 0;
    for (let k = j; k < j + windowHops; k++) s += hops[k];
    out[j] = s * norm;
  }
  return out;
}

/** Blocks passing the absolute gate and then a relative gate `relativeLu` below their power mean. */
function gate(blocks: Float64Array, relativeLu: number): Float64Array {
  const absolute = lufsToEnergy(ABSOLUTE_GATE_LUFS);
  let sum = 0;
  let n = 0;
  for (const e of blocks) {
    if (e > absolute) {
      sum += e;
      n++;
    }
  }
  if (n === 0) return new Float64Array(0);
  const relative = (sum / n) * 10 ** (relativeLu / 10);
  return blocks.filter((e) => e > absolute && e > relative);
}

/** Integrated loudness over 400 ms blocks every 100 ms; null when nothing passes the gates. */
export function integratedLoudness(hops: Float64Array, hopCount: number, hopFrames: number): number | null {
  const gated = gate(windowMeanSquares(hops, hopCount, 4, hopFrames), -10);
  if (gated.length === 0) return null;
  let sum = 0;
  for (const e of gated) sum += e;
  return energyToLufs(sum / gated.length);
}

/**
 * Loudness range from 3 s short-term blocks every 100 ms (Tech 3342 asks for ≥ 10 Hz):
 * P95 − P10 of the gated blocks, nearest-rank percentiles. Null when no block passes.
 */
export function loudnessRange(hops: Float64Array, hopCount: number, hopFrames: number): number | null {
  const gated = gate(windowMeanSquares(hops, hopCount, 30, hopFrames), -20).sort();
  if (gated.length === 0) return null;
  const at = (p: number) => gated[Math.round((gated.length - 1) * p)];
  return energyToLufs(at(0.95)) - energyToLufs(at(0.1));
}
