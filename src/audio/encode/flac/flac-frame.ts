// One FLAC frame: fixed polynomial predictors (orders 0–4, the smallest residual wins), stereo
// decorrelation chosen per frame, Rice-coded residuals with a partition order search, CRC-8
// header and CRC-16 footer. Linear prediction (LPC) is left out: fixed predictors keep the
// encoder small and exact, at a few percent of compression.

import type { BitWriter } from './bit-writer.ts';
import { crc16, crc8 } from './crc.ts';

const MAX_PARTITION_ORDER = 8;
const MAX_RICE_PARAM = 30;

export interface FrameScratch {
  residual: Int32Array;
  zigzag: Uint32Array;
  side: Int32Array;
  mid: Int32Array;
  partitionSums: Float64Array;
}

export function createFrameScratch(blockSize: number): FrameScratch {
  return {
    residual: new Int32Array(blockSize),
    zigzag: new Uint32Array(blockSize),
    side: new Int32Array(blockSize),
    mid: new Int32Array(blockSize),
    partitionSums: new Float64Array(1 << MAX_PARTITION_ORDER),
  };
}

/** Sum of |residual| for each fixed predictor order 0–4, computed in one pass. */
function fixedOrderErrors(x: Int32Array, n: number): number[] {
  if (n < 5) return [0, Infinity, Infinity, Infinity, Infinity];
  let e0 = 0;
  let e1 = 0;
  let e2 = 0;
  let e3 = 0;
  let e4 = 0;
  let a = x[3]! - x[2]!;
  let b = a - (x[2]! - x[1]!);
  let c = b - (x[2]! - 2 * x[1]! + x[0]!);
  for (let i = 4; i < n; i++) {
    const s = x[i]!;
    const d1 = s - x[i - 1]!;
    const d2 = d1 - a;
    const d3 = d2 - b;
    const d4 = d3 - c;
    e0 += Math.abs(s);
    e1 += Math.abs(d1);
    e2 += Math.abs(d2);
    e3 += Math.abs(d3);
    e4 += Math.abs(d4);
    a = d1;
    b = d2;
    c = d3;
  }
  return [e0, e1, e2, e3, e4];
}

interface FixedChoice {
  order: number;
  error: number;
}

function bestFixedOrder(x: Int32Array, n: number): FixedChoice {
  const errors = fixedOrderErrors(x, n);
  let order = 0;
  for (let o = 1; o <= 4; o++) if (errors[o]! < errors[order]!) order = o;
  return { order, error: errors[order]! };
}

/** Rough bits for a residual whose mean magnitude is error/n (used only to rank choices). */
function estimateBits(error: number, n: number): number {
  return n * (1 + Math.log2(1 + error / Math.max(1, n)));
}

function computeResidual(x: Int32Array, n: number, order: number, out: Int32Array): void {
  for (let i = order; i < n; i++) {
    let r: number;
    switch (order) {
      case 0: r = x[i]!; break;
      case 1: r = x[i]! - x[i - 1]!; break;
      case 2: r = x[i]! - 2 * x[i - 1]! + x[i - 2]!; break;
      case 3: r = x[i]! - 3 * x[i - 1]! + 3 * x[i - 2]! - x[i - 3]!; break;
      default: r = x[i]! - 4 * x[i - 1]! + 6 * x[i - 2]! - 4 * x[i - 3]! + x[i - 4]!;
    }
    out[i] = r;
  }
}

const INVERSE_POWERS = Float64Array.from({ length: MAX_RICE_PARAM + 2 }, (_, p) => 2 ** -p);

/** Estimated Rice cost of `count` values summing to `sum` with parameter p (an upper bound). */
function riceCost(sum: number, count: number, p: number): number {
  return count * (p + 1) + Math.floor(sum * INVERSE_POWERS[p]!);
}

/**
 * Best Rice parameter for `count` values summing to `sum`, and its estimated cost. The optimum
 * sits near log2(mean · ln 2), so only the two integers around log2(mean) − 1 are tried.
 */
function riceParam(sum: number, count: number): { k: number; bits: number } {
  if (count === 0) return { k: 0, bits: 0 };
  const mean = sum / count;
  let k = mean >= 1 ? Math.min(MAX_RICE_PARAM, 31 - Math.clz32(Math.min(mean, 2 ** 31 - 1))) : 0;
  let bits = riceCost(sum, count, k);
  if (k > 0) {
    const lower = riceCost(sum, count, k - 1);
    if (lower < bits) {
      k -= 1;
      bits = lower;
    }
  }
  return { k, bits };
}

interface ResidualPlan {
  partitionOrder: number;
  params: number[];
  bits: number;
}

/** Picks the partition order that minimizes the estimated size of the zig-zagged residual. */
function planResidual(u: Uint32Array, n: number, order: number, sums: Float64Array): ResidualPlan {
  let maxOrder = 0;
  while (maxOrder < MAX_PARTITION_ORDER && n % (2 << maxOrder) === 0 && n >> (maxOrder + 1) > order) maxOrder++;
  const parts = 1 << maxOrder;
  const partLen = n >> maxOrder;
  for (let p = 0; p < parts; p++) {
    let s = 0;
    for (let i = p === 0 ? order : p * partLen, end = (p + 1) * partLen; i < end; i++) s += u[i]!;
    sums[p] = s;
  }
  let best: ResidualPlan | null = null;
  for (let po = maxOrder; po >= 0; po--) {
    const count = 1 << po;
    const len = n >> po;
    const params: number[] = [];
    let bits = 0;
    for (let p = 0; p < count; p++) {
      // After merging, sums[p] holds the partition p of order po.
      const { k, bits: b } = riceParam(sums[p]!, p === 0 ? len - order : len);
      params.push(k);
      bits += b + 5;
    }
    if (!best || bits < best.bits) best = { partitionOrder: po, params, bits };
    for (let p = 0; p < count / 2; p++) sums[p] = sums[2 * p]! + sums[2 * p + 1]!;
  }
  return best!;
}

function writeSubframe(w: BitWriter, x: Int32Array, n: number, bps: number, order: number, s: FrameScratch): void {
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = x[i] === x[0];
  if (constant) {
    w.bits(0, 8); // zero pad bit, type CONSTANT, no wasted bits
    w.wide(x[0]!, bps);
    return;
  }
  const effectiveOrder = n > order ? order : 0;
  computeResidual(x, n, effectiveOrder, s.residual);
  const u = s.zigzag;
  for (let i = effectiveOrder; i < n; i++) {
    const r = s.residual[i]!;
    u[i] = (r << 1) ^ (r >> 31);
  }
  const plan = planResidual(u, n, effectiveOrder, s.partitionSums);
  const verbatimBits = n * bps;
  if (plan.bits + effectiveOrder * bps + 6 >= verbatimBits) {
    w.bits(0b00000010, 8); // VERBATIM
    for (let i = 0; i < n; i++) w.wide(x[i]!, bps);
    return;
  }
  w.bits(0b00010000 | (effectiveOrder << 1), 8); // FIXED of the chosen order
  for (let i = 0; i < effectiveOrder; i++) w.wide(x[i]!, bps);
  const wideParams = plan.params.some((k) => k > 14);
  w.bits(wideParams ? 1 : 0, 2);
  w.bits(plan.partitionOrder, 4);
  const len = n >> plan.partitionOrder;
  for (let p = 0; p < plan.params.length; p++) {
    const k = plan.params[p]!;
    w.bits(k, wideParams ? 5 : 4);
    for (let i = p === 0 ? effectiveOrder : p * len, end = (p + 1) * len; i < end; i++) w.rice(u[i]!, k);
  }
}

const RATE_CODES: Record<number, number> = {
  88200: 1, 176400: 2, 192000: 3, 8000: 4, 16000: 5, 22050: 6, 24000: 7, 32000: 8, 44100: 9, 48000: 10, 96000: 11,
};

function writeUtf8Number(w: BitWriter, v: number): void {
  if (v < 0x80) return w.bits(v, 8);
  let extra = v < 0x800 ? 1 : v < 0x10000 ? 2 : v < 0x200000 ? 3 : v < 0x4000000 ? 4 : 5;
  w.bits((0xff00 >> (extra + 1)) & 0xff | (Math.floor(v / 2 ** (6 * extra)) & (0x3f >> extra)), 8);
  while (extra-- > 0) w.bits(0x80 | (Math.floor(v / 2 ** (6 * extra)) & 0x3f), 8);
}

export interface FrameInput {
  channels: Int32Array[];
  frames: number;
  bitsPerSample: 16 | 24;
  sampleRate: number;
  frameNumber: number;
}

/** Encodes one frame into `w` (reset first) and returns its bytes, valid until the next call. */
export function encodeFlacFrame(w: BitWriter, input: FrameInput, s: FrameScratch): Uint8Array {
  const { channels, frames: n, bitsPerSample: bps, sampleRate } = input;
  w.reset();
  // Stereo decorrelation: pick whichever pair of (left, right, side, mid) is cheapest.
  let assignment = channels.length - 1;
  let coded: Int32Array[] = channels;
  let depths: number[] = channels.map(() => bps);
  let orders: number[];
  if (channels.length === 2) {
    const [left, right] = channels as [Int32Array, Int32Array];
    for (let i = 0; i < n; i++) {
      s.side[i] = left[i]! - right[i]!;
      s.mid[i] = (left[i]! + right[i]!) >> 1;
    }
    const [l, r, sd, m] = [left, right, s.side, s.mid].map((x) => bestFixedOrder(x, n)) as FixedChoice[];
    const cost = (c: FixedChoice): number => estimateBits(c.error, n);
    const options = [
      { a: 1, cost: cost(l) + cost(r), coded: [left, right], depths: [bps, bps], orders: [l.order, r.order] },
      { a: 8, cost: cost(l) + cost(sd), coded: [left, s.side], depths: [bps, bps + 1], orders: [l.order, sd.order] },
      { a: 9, cost: cost(sd) + cost(r), coded: [s.side, right], depths: [bps + 1, bps], orders: [sd.order, r.order] },
      { a: 10, cost: cost(m) + cost(sd), coded: [s.mid, s.side], depths: [bps, bps + 1], orders: [m.order, sd.order] },
    ];
    const best = options.reduce((x, y) => (y.cost < x.cost ? y : x));
    assignment = best.a;
    coded = best.coded;
    depths = best.depths;
    orders = best.orders;
  } else {
    orders = channels.map((x) => bestFixedOrder(x, n).order);
  }
  const blockCode = n === 4096 ? 0b1100 : 0b0111;
  let rateCode = RATE_CODES[sampleRate] ?? 0;
  if (rateCode === 0) {
    if (sampleRate % 1000 === 0 && sampleRate / 1000 <= 255) rateCode = 0b1100;
    else if (sampleRate <= 0xffff) rateCode = 0b1101;
    else if (sampleRate % 10 === 0 && sampleRate / 10 <= 0xffff) rateCode = 0b1110;
  }
  w.bits(0xfff8, 16); // sync code, fixed-blocksize stream
  w.bits((blockCode << 4) | rateCode, 8);
  w.bits((assignment << 4) | ((bps === 16 ? 0b100 : 0b110) << 1), 8);
  writeUtf8Number(w, input.frameNumber);
  if (blockCode === 0b0111) w.bits(n - 1, 16);
  if (rateCode === 0b1100) w.bits(sampleRate / 1000, 8);
  else if (rateCode === 0b1101) w.bits(sampleRate, 16);
  else if (rateCode === 0b1110) w.bits(sampleRate / 10, 16);
  w.bits(crc8(w.bytes()), 8);
  for (let c = 0; c < coded.length; c++) writeSubframe(w, coded[c]!, n, depths[c]!, orders[c]!, s);
  w.align();
  const crc = crc16(w.bytes());
  w.bits(crc, 16);
  return w.bytes();
}
