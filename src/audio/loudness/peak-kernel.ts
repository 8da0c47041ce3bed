// WebAssembly SIMD kernels for true peak, generated per interpolator with its coefficients as
// constants. Lanes hold four neighbouring output positions; every phase is computed from the
// same loaded inputs. `scan` also makes the skip decision per run, so a whole block costs one
// call. Several times faster than the same loops in JavaScript.
import type { PolyphaseInterpolator } from './interpolator.ts';
import { compileModule, ins, instantiate, moduleBytes, type, WASM_PAGE, type WasmMemory } from './wasm-emit.ts';

/** Output positions per skip decision; a multiple of the 4 lanes. */
export const RUN = 32;

export interface PeakKernel {
  /** Float32 view of the kernel's input area; call `reserve` first, views change when it grows. */
  input(): Float32Array;
  reserve(samples: number): void;
  /**
   * Running maximum after `runs` runs of RUN positions starting at input index `start`
   * (position i reads input[start + i, start + i + taps)). A run is skipped when its inputs'
   * max × the filter's gain cannot beat the running maximum. Reads up to 3 floats past the
   * last window, so reserve that much.
   */
  scan(start: number, runs: number, running: number): number;
  /** Largest |value| over phases 1…P−1 for 4·groups positions from `start`, no skipping. */
  peak(start: number, groups: number): number;
  /** Largest |input| over input[start, start + 4·vectors). */
  absMax(start: number, vectors: number): number;
}

function absMaxFunction() {
  const [PTR, N, ACC] = [0, 1, 2];
  const body = [
    ...ins.block, ...ins.loop,
    ...ins.get(N), ...ins.i32Eqz, ...ins.brIf(1),
    ...ins.get(PTR), ...ins.load(0), ...ins.abs, ...ins.get(ACC), ...ins.max, ...ins.set(ACC),
    ...ins.get(PTR), ...ins.i32(16), ...ins.i32Add, ...ins.set(PTR),
    ...ins.get(N), ...ins.i32(1), ...ins.i32Sub, ...ins.set(N),
    ...ins.br(0), ...ins.end, ...ins.end,
    ...maxOfLanes(ACC),
  ];
  return { name: 'absMax', params: [type.i32, type.i32], results: [type.f32], locals: [[1, type.v128]] as [number, number][], body };
}

/**
 * Instructions adding max(|phase outputs|) of the 4 positions at byte address `ptr` into `acc`.
 * The filters are symmetric: phase P−p is phase p reversed. With s_i = x_i + x_(T−1−i) and
 * d_i = x_i − x_(T−1−i), phase p is A + B and phase P−p is A − B, where A = Σ a_i·s_i and
 * B = Σ b_i·d_i over half the taps, so max(|p|, |P−p|) = |A| + |B|: half the multiplies.
 */
function groupPeak(f: PolyphaseInterpolator, ptr: number, x: number, acc: number, constants: ConstantPool): number[] {
  const { taps, phases, coefficients } = f;
  const half = taps / 2;
  const c = (p: number, i: number) => coefficients[p * taps + i];
  const code: number[] = [];
  for (let k = 0; k < taps; k++) code.push(...ins.get(ptr), ...ins.load(4 * k), ...ins.set(x + k));
  for (let i = 0; i < half; i++) {
    const j = taps - 1 - i;
    // leaves s_i in x_i and d_i in x_j
    code.push(...ins.get(x + i), ...ins.get(x + j), ...ins.add, ...ins.get(x + i), ...ins.get(x + j), ...ins.sub);
    code.push(...ins.set(x + j), ...ins.set(x + i));
  }
  const s = Array.from({ length: half }, (_, i) => x + i);
  const d = Array.from({ length: half }, (_, i) => x + taps - 1 - i);
  const sum = (weights: number[], locals: number[]): number[] => {
    const out: number[] = [];
    let first = true;
    weights.forEach((w, i) => {
      if (w === 0) return;
      out.push(...ins.get(locals[i]), ...constants.get(w), ...ins.mul);
      if (!first) out.push(...ins.add);
      first = false;
    });
    return first ? ins.splat(0) : out;
  };
  for (let p = 1; 2 * p <= phases; p++) {
    if (2 * p === phases) {
      const mid = Array.from({ length: half }, (_, i) => c(p, i));
      code.push(...sum(mid, s), ...ins.abs);
    } else {
      const a = Array.from({ length: half }, (_, i) => (c(p, i) + c(p, taps - 1 - i)) / 2);
      const b = Array.from({ length: half }, (_, i) => (c(p, i) - c(p, taps - 1 - i)) / 2);
      code.push(...sum(a, s), ...ins.abs, ...sum(b, d), ...ins.abs, ...ins.add);
    }
    code.push(...ins.get(acc), ...ins.max, ...ins.set(acc));
  }
  return code;
}

/**
 * Coefficient vectors held in locals set once per call: V8 rebuilds a v128.const with several
 * instructions at every use, while a local (even spilled) is one operand.
 */
interface ConstantPool {
  get(value: number): number[];
  /** Instructions setting the locals; place before the loops. */
  prologue(): number[];
  count(): number;
}

function constantPool(firstLocal: number): ConstantPool {
  const locals = new Map<number, number>();
  return {
    get(value) {
      if (!locals.has(value)) locals.set(value, firstLocal + locals.size);
      return ins.get(locals.get(value)!);
    },
    prologue: () => [...locals].flatMap(([value, local]) => [...ins.splat(value), ...ins.set(local)]),
    count: () => locals.size,
  };
}

function maxOfLanes(v: number): number[] {
  const code = [...ins.get(v), ...ins.lane(0)];
  for (let lane = 1; lane < 4; lane++) code.push(...ins.get(v), ...ins.lane(lane), ...ins.f32Max);
  return code;
}

function peakFunction(f: PolyphaseInterpolator) {
  // The kernels rely on even tap counts and mirror-image phases (true of windowed sincs).
  if (f.taps % 2 !== 0) throw new RangeError('peak kernels need an even number of taps');
  const [PTR, GROUPS, ACC, X] = [0, 1, 2, 3];
  const constants = constantPool(X + f.taps);
  const loop = [
    ...ins.splat(0), ...ins.set(ACC),
    ...ins.block, ...ins.loop,
    ...ins.get(GROUPS), ...ins.i32Eqz, ...ins.brIf(1),
    ...groupPeak(f, PTR, X, ACC, constants),
    ...ins.get(PTR), ...ins.i32(16), ...ins.i32Add, ...ins.set(PTR),
    ...ins.get(GROUPS), ...ins.i32(1), ...ins.i32Sub, ...ins.set(GROUPS),
    ...ins.br(0), ...ins.end, ...ins.end,
    ...maxOfLanes(ACC),
  ];
  return {
    name: 'peak',
    params: [type.i32, type.i32],
    results: [type.f32],
    locals: [[f.taps + 1 + constants.count(), type.v128]] as [number, number][],
    body: [...constants.prologue(), ...loop],
  };
}

function scanFunction(f: PolyphaseInterpolator) {
  const [PTR, RUNS, RUNNING, G, P, ACC, X] = [0, 1, 2, 3, 4, 5, 6];
  const windowVectors = Math.ceil((RUN + f.taps - 1) / 4);
  // f32 products round; the tiny margin keeps the skip test on the safe side.
  const gain = f.gain * (1 + 1e-6);
  const constants = constantPool(X + f.taps);
  const loop = [
    ...ins.block, ...ins.loop,
    ...ins.get(RUNS), ...ins.i32Eqz, ...ins.brIf(1),
    // max |input| over the run's windows
    ...ins.splat(0), ...ins.set(ACC), ...ins.get(PTR), ...ins.set(P), ...ins.i32(windowVectors), ...ins.set(G),
    ...ins.loop,
    ...ins.get(P), ...ins.load(0), ...ins.abs, ...ins.get(ACC), ...ins.max, ...ins.set(ACC),
    ...ins.get(P), ...ins.i32(16), ...ins.i32Add, ...ins.set(P),
    ...ins.get(G), ...ins.i32(1), ...ins.i32Sub, ...ins.tee(G), ...ins.brIf(0),
    ...ins.end,
    ...maxOfLanes(ACC), ...ins.f32(gain), ...ins.f32Mul, ...ins.get(RUNNING), ...ins.f32Gt,
    ...ins.if,
    ...ins.splat(0), ...ins.set(ACC), ...ins.get(PTR), ...ins.set(P), ...ins.i32(RUN / 4), ...ins.set(G),
    ...ins.loop,
    ...groupPeak(f, P, X, ACC, constants),
    ...ins.get(P), ...ins.i32(16), ...ins.i32Add, ...ins.set(P),
    ...ins.get(G), ...ins.i32(1), ...ins.i32Sub, ...ins.tee(G), ...ins.brIf(0),
    ...ins.end,
    ...maxOfLanes(ACC), ...ins.get(RUNNING), ...ins.f32Max, ...ins.set(RUNNING),
    ...ins.end,
    ...ins.get(PTR), ...ins.i32(4 * RUN), ...ins.i32Add, ...ins.set(PTR),
    ...ins.get(RUNS), ...ins.i32(1), ...ins.i32Sub, ...ins.set(RUNS),
    ...ins.br(0), ...ins.end, ...ins.end,
    ...ins.get(RUNNING),
  ];
  return {
    name: 'scan',
    params: [type.i32, type.i32, type.f32],
    results: [type.f32],
    locals: [
      [2, type.i32],
      [f.taps + 1 + constants.count(), type.v128],
    ] as [number, number][],
    body: [...constants.prologue(), ...loop],
  };
}

const compiled = new Map<PolyphaseInterpolator, object | null>();

export function createPeakKernel(f: PolyphaseInterpolator): PeakKernel | null {
  if (!compiled.has(f)) compiled.set(f, compileModule(moduleBytes([scanFunction(f), peakFunction(f), absMaxFunction()])));
  const module = compiled.get(f);
  if (!module) return null;
  const exports = instantiate(module);
  const memory = exports.memory as WasmMemory;
  const scan = exports.scan as (ptr: number, runs: number, running: number) => number;
  const peak = exports.peak as (ptr: number, groups: number) => number;
  const absMax = exports.absMax as (ptr: number, vectors: number) => number;
  let view = new Float32Array(memory.buffer);
  return {
    input: () => view,
    reserve(samples) {
      const bytes = (samples + 4) * 4;
      if (bytes > memory.buffer.byteLength) {
        memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / WASM_PAGE));
        view = new Float32Array(memory.buffer);
      }
    },
    scan: (start, runs, running) => scan(start * 4, runs, running),
    peak: (start, groups) => peak(start * 4, groups),
    absMax: (start, vectors) => absMax(start * 4, vectors),
  };
}
