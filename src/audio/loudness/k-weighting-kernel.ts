// K-weighting of two channels at once in WebAssembly (f64x2 lanes = the two channels). The
// biquads are recursive, so SIMD cannot run along time, but across a channel pair it halves
// the work of the scalar loop. Coefficients are baked into the code per sample rate.
import type { KWeighting } from './k-weighting.ts';
import { compileModule, ins, instantiate, moduleBytes, type, WASM_PAGE, type WasmMemory } from './wasm-emit.ts';

/** Bytes of filter state per channel pair: x1 x2 y1 y2 z1 z2, one f64x2 each. */
export const PAIR_STATE_BYTES = 96;

export interface KWeightingKernel {
  /** f64 view of the state area (12 numbers per pair, lane-interleaved). */
  state(): Float64Array;
  /** f32 view of the input area: channel c of the current block at [c·stride, c·stride + frames). */
  input(): Float32Array;
  /** Makes room for `channels` × `frames` inputs; returns the stride between channels. */
  reserve(channels: number, frames: number): number;
  /** Filters inputs [start, end) of channels a and b through pair `pair`'s state; returns wa·Σya² + wb·Σyb². */
  energy(pair: number, a: number, b: number, start: number, end: number, wa: number, wb: number): number;
}

/**
 * Two frames per iteration in "look-ahead" form: with u the non-recursive part of a biquad,
 *   y[n]   = u[n] − a1·y[n−1] − a2·y[n−2]
 *   y[n+1] = u[n+1] − a1·u[n] + (a1² − a2)·y[n−1] + a1·a2·y[n−2]
 * so both depend only on the previous pair: the recursion's latency is paid once per two
 * frames, which is what bounds this loop. An odd last frame takes one plain step.
 */
function energyFunction(kw: KWeighting) {
  let next = 0;
  const local = () => next++;
  const [PA, PB, N, STATE, WA, WB] = [local(), local(), local(), local(), local(), local()];
  const [X0, XN, X1, X2, U0, U1, Y0, YN, Y1, Y2, W0, Z0, ZN, Z1, Z2, SUM] = Array.from({ length: 16 }, local);
  const { b0, b1, b2, a1, a2 } = kw.shelf;
  const { a1: c1, a2: c2 } = kw.highPass;
  const constants = [b0, b1, b2, a1, a2, a1 * a1 - a2, a1 * a2, c1, c2, c1 * c1 - c2, c1 * c2];
  const [B0, B1, B2, A1, A2, D2, D3, C1, C2, E2, E3] = constants.map(local);
  const v128Locals = next - 6;
  const mul = (a: number, b: number) => [...ins.get(a), ...ins.get(b), ...ins.f64x2Mul];
  const load = (slot: number, l: number) => [...ins.get(STATE), ...ins.load(16 * slot), ...ins.set(l)];
  const store = (slot: number, l: number) => [...ins.get(STATE), ...ins.get(l), ...ins.storeV(16 * slot)];
  /** [a[offset], b[offset]] as f64x2 */
  const frame = (offset: number) => [
    ...ins.get(PA), ...ins.f32Load(offset), ...ins.f64Promote, ...ins.f64x2Splat,
    ...ins.get(PB), ...ins.f32Load(offset), ...ins.f64Promote, ...ins.f64x2Replace(1),
  ];
  const advance = (frames: number) => [
    ...ins.get(PA), ...ins.i32(4 * frames), ...ins.i32Add, ...ins.set(PA),
    ...ins.get(PB), ...ins.i32(4 * frames), ...ins.i32Add, ...ins.set(PB),
    ...ins.get(N), ...ins.i32(frames), ...ins.i32Sub, ...ins.set(N),
  ];
  const square = (l: number) => [...ins.get(l), ...ins.get(l), ...ins.f64x2Mul, ...ins.get(SUM), ...ins.f64x2Add, ...ins.set(SUM)];
  const twoFrames = [
    ...frame(0), ...ins.set(X0), ...frame(4), ...ins.set(XN),
    ...mul(B0, X0), ...mul(B1, X1), ...ins.f64x2Add, ...mul(B2, X2), ...ins.f64x2Add, ...ins.set(U0),
    ...mul(B0, XN), ...mul(B1, X0), ...ins.f64x2Add, ...mul(B2, X1), ...ins.f64x2Add, ...ins.set(U1),
    ...ins.get(U0), ...mul(A2, Y2), ...ins.f64x2Sub, ...mul(A1, Y1), ...ins.f64x2Sub, ...ins.set(Y0),
    ...ins.get(U1), ...mul(A1, U0), ...ins.f64x2Sub, ...mul(D3, Y2), ...ins.f64x2Add, ...mul(D2, Y1), ...ins.f64x2Add, ...ins.set(YN),
    // high-pass input w = y − 2·y[−1] + y[−2]; w[n+1] is left on the stack for zn
    ...ins.get(Y0), ...ins.get(Y1), ...ins.f64x2Sub, ...ins.get(Y1), ...ins.f64x2Sub, ...ins.get(Y2), ...ins.f64x2Add, ...ins.set(W0),
    ...ins.get(W0), ...mul(C2, Z2), ...ins.f64x2Sub, ...mul(C1, Z1), ...ins.f64x2Sub, ...ins.set(Z0),
    ...ins.get(YN), ...ins.get(Y0), ...ins.f64x2Sub, ...ins.get(Y0), ...ins.f64x2Sub, ...ins.get(Y1), ...ins.f64x2Add,
    ...mul(C1, W0), ...ins.f64x2Sub, ...mul(E3, Z2), ...ins.f64x2Add, ...mul(E2, Z1), ...ins.f64x2Add, ...ins.set(ZN),
    ...square(Z0), ...square(ZN),
    ...ins.get(X0), ...ins.set(X2), ...ins.get(XN), ...ins.set(X1),
    ...ins.get(Y0), ...ins.set(Y2), ...ins.get(YN), ...ins.set(Y1),
    ...ins.get(Z0), ...ins.set(Z2), ...ins.get(ZN), ...ins.set(Z1),
    ...advance(2),
  ];
  const oneFrame = [
    ...frame(0), ...ins.set(X0),
    ...mul(B0, X0), ...mul(B1, X1), ...ins.f64x2Add, ...mul(B2, X2), ...ins.f64x2Add,
    ...mul(A2, Y2), ...ins.f64x2Sub, ...mul(A1, Y1), ...ins.f64x2Sub, ...ins.set(Y0),
    ...ins.get(Y0), ...ins.get(Y1), ...ins.f64x2Sub, ...ins.get(Y1), ...ins.f64x2Sub, ...ins.get(Y2), ...ins.f64x2Add,
    ...mul(C2, Z2), ...ins.f64x2Sub, ...mul(C1, Z1), ...ins.f64x2Sub, ...ins.set(Z0),
    ...square(Z0),
    ...ins.get(X1), ...ins.set(X2), ...ins.get(X0), ...ins.set(X1),
    ...ins.get(Y1), ...ins.set(Y2), ...ins.get(Y0), ...ins.set(Y1),
    ...ins.get(Z1), ...ins.set(Z2), ...ins.get(Z0), ...ins.set(Z1),
    ...advance(1),
  ];
  const body = [
    ...constants.flatMap((c, i) => [...ins.f64x2Splat2(c, c), ...ins.set(B0 + i)]),
    ...load(0, X1), ...load(1, X2), ...load(2, Y1), ...load(3, Y2), ...load(4, Z1), ...load(5, Z2),
    ...ins.block, ...ins.loop,
    ...ins.get(N), ...ins.i32(2), ...ins.i32LtU, ...ins.brIf(1),
    ...twoFrames,
    ...ins.br(0), ...ins.end, ...ins.end,
    ...ins.get(N), ...ins.if, ...oneFrame, ...ins.end,
    ...store(0, X1), ...store(1, X2), ...store(2, Y1), ...store(3, Y2), ...store(4, Z1), ...store(5, Z2),
    ...ins.get(SUM), ...ins.f64x2Lane(0), ...ins.get(WA), ...ins.f64Mul,
    ...ins.get(SUM), ...ins.f64x2Lane(1), ...ins.get(WB), ...ins.f64Mul, ...ins.f64Add,
  ];
  return {
    name: 'energy',
    params: [type.i32, type.i32, type.i32, type.i32, type.f64, type.f64],
    results: [type.f64],
    locals: [[v128Locals, type.v128]] as [number, number][],
    body,
  };
}

const compiled = new Map<number, object | null>();

/** A kernel for up to `pairs` channel pairs, or null without WebAssembly SIMD. */
export function createKWeightingKernel(sampleRate: number, kw: KWeighting, pairs: number): KWeightingKernel | null {
  if (!compiled.has(sampleRate)) compiled.set(sampleRate, compileModule(moduleBytes([energyFunction(kw)])));
  const module = compiled.get(sampleRate);
  if (!module) return null;
  const exports = instantiate(module);
  const memory = exports.memory as WasmMemory;
  const energy = exports.energy as (pa: number, pb: number, n: number, state: number, wa: number, wb: number) => number;
  const stateBytes = pairs * PAIR_STATE_BYTES;
  let stride = 0;
  let state = new Float64Array(memory.buffer, 0, stateBytes / 8);
  let input = new Float32Array(memory.buffer, stateBytes);
  return {
    state: () => state,
    input: () => input,
    reserve(channels, frames) {
      stride = Math.max(stride, frames);
      const bytes = stateBytes + channels * stride * 4;
      if (bytes > memory.buffer.byteLength) {
        memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / WASM_PAGE));
        state = new Float64Array(memory.buffer, 0, stateBytes / 8);
        input = new Float32Array(memory.buffer, stateBytes);
      }
      return stride;
    },
    energy: (pair, a, b, start, end, wa, wb) =>
      energy(stateBytes + 4 * (a * stride + start), stateBytes + 4 * (b * stride + start), end - start, pair * PAIR_STATE_BYTES, wa, wb),
  };
}
