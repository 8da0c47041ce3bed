// Just enough of the WebAssembly binary format to emit small numeric kernels at run time
// (the project has no build step, so kernels are generated rather than shipped compiled).

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 for i32.const immediates. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  while (true) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export const type = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;
const SIMD = 0xfd;

/** Instruction encoders; each returns its bytes. */
export const ins = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  f32: (v: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    return [0x43, ...b];
  },
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Eqz: [0x45],
  i32LtU: [0x49],
  f32Mul: [0x94],
  f32Max: [0x97],
  f32Gt: [0x5e],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  end: [0x0b],
  f32Load: (offset: number) => [0x2a, 2, ...uleb(offset)],
  f64Promote: [0xbb],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  storeV: (offset: number) => [SIMD, 0x0b, 2, ...uleb(offset)],
  f64x2Splat: [SIMD, 0x14],
  f64x2Replace: (lane: number) => [SIMD, 0x22, lane],
  f64x2Lane: (lane: number) => [SIMD, 0x21, lane],
  f64x2Add: [SIMD, 0xf0, 0x01],
  f64x2Sub: [SIMD, 0xf1, 0x01],
  f64x2Mul: [SIMD, 0xf2, 0x01],
  f64x2Splat2: (a: number, b: number) => {
    const bytes = new Uint8Array(16);
    new Float64Array(bytes.buffer).set([a, b]);
    return [SIMD, 0x0c, ...bytes];
  },
  /** v128.load with 4-byte alignment hint. */
  load: (offset: number) => [SIMD, 0x00, 2, ...uleb(offset)],
  splat: (c: number) => {
    const b = new Uint8Array(16);
    new Float32Array(b.buffer).fill(c);
    return [SIMD, 0x0c, ...b];
  },
  lane: (i: number) => [SIMD, 0x1f, i],
  abs: [SIMD, 0xe0, 0x01],
  add: [SIMD, 0xe4, 0x01],
  sub: [SIMD, 0xe5, 0x01],
  mul: [SIMD, 0xe6, 0x01],
  max: [SIMD, 0xe9, 0x01],
} as const;

export interface FunctionSpec {
  name: string;
  params: number[];
  results: number[];
  /** Extra locals as [count, type] groups. */
  locals: [number, number][];
  body: number[];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

/** A module with one exported memory ("memory") and the given exported functions. */
export function moduleBytes(functions: FunctionSpec[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), ...vector(f.results.map((t) => [t]))]);
  const bodies = functions.map((f) => {
    const code = [...vector(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body, ...ins.end];
    return [...uleb(code.length), ...code];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(5, [1, 0x00, 1]),
    ...section(7, vector([[...name('memory'), 0x02, 0], ...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])])),
    ...section(10, vector(bodies)),
  ]);
}

// The project compiles without the DOM library, which is where TypeScript declares WebAssembly.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Compiles bytes to a module, or null where WebAssembly (or its SIMD) is missing. */
export function compileModule(bytes: Uint8Array): object | null {
  return wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
}

export function instantiate(module: object): Record<string, unknown> {
  return new wasm!.Instance(module).exports;
}

export const WASM_PAGE = 65536;
