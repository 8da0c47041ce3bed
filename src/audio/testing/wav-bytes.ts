// Builders for WAV files in memory, valid or deliberately broken, and small byte-stream tools
// for tests. Every header field can be overridden, so a test states exactly which lie it tells.

export interface WavFields {
  formatTag: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
  /** When set, fmt is WAVE_FORMAT_EXTENSIBLE with this sub-format code (1 PCM, 3 float). */
  extensibleSubFormat?: number;
  /** Declared size of `fmt ` (default: its real size). */
  fmtSize?: number;
  /** Declared size of `data` (default: the bytes given). */
  dataSize?: number;
  /** Chunks placed before `fmt ` (e.g. LIST, bext, odd-sized ones). */
  leadingChunks?: { id: string; body: Uint8Array }[];
  /** RF64 with a ds64 chunk carrying the 64-bit data size. */
  rf64?: boolean;
}

function chunk(id: string, body: Uint8Array, declaredSize = body.length): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, declaredSize >>> 0, true);
  out.set(body, 8);
  return out;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function asciiBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A WAV file whose `data` chunk holds `data` as given (already interleaved and encoded). */
export function buildWavBytes(fields: WavFields, data: Uint8Array): Uint8Array {
  const extensible = fields.extensibleSubFormat !== undefined;
  const fmt = new Uint8Array(extensible ? 40 : 16);
  const dv = new DataView(fmt.buffer);
  dv.setUint16(0, extensible ? 0xfffe : fields.formatTag, true);
  dv.setUint16(2, fields.channels, true);
  dv.setUint32(4, fields.sampleRate >>> 0, true);
  dv.setUint32(8, (fields.sampleRate * fields.blockAlign) >>> 0, true);
  dv.setUint16(12, fields.blockAlign, true);
  dv.setUint16(14, fields.bitsPerSample, true);
  if (extensible) {
    dv.setUint16(16, 22, true);
    dv.setUint16(18, fields.bitsPerSample, true);
    dv.setUint32(20, 0, true);
    dv.setUint16(24, fields.extensibleSubFormat!, true);
    fmt.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  const parts: Uint8Array[] = [];
  if (fields.rf64) {
    const ds64 = new Uint8Array(28);
    const d = new DataView(ds64.buffer);
    const dataSize = fields.dataSize ?? data.length;
    d.setUint32(8, dataSize % 2 ** 32, true);
    d.setUint32(12, Math.floor(dataSize / 2 ** 32), true);
    parts.push(chunk('ds64', ds64));
  }
  for (const c of fields.leadingChunks ?? []) parts.push(chunk(c.id, c.body));
  parts.push(chunk('fmt ', fmt, fields.fmtSize ?? fmt.length));
  parts.push(chunk('data', data, fields.rf64 ? 0xffffffff : (fields.dataSize ?? data.length)));
  const body = concatBytes(parts);
  const head = new Uint8Array(12);
  head.set(asciiBytes(fields.rf64 ? 'RF64' : 'RIFF'), 0);
  new DataView(head.buffer).setUint32(4, fields.rf64 ? 0xffffffff : body.length + 4, true);
  head.set(asciiBytes('WAVE'), 8);
  return concatBytes([head, body]);
}

/** Little-endian interleaved bytes for planar integer samples of the given width. */
export function encodeIntSamples(planar: Int32Array[], bits: 8 | 16 | 24 | 32): Uint8Array {
  const channels = planar.length;
  const frames = planar[0]!.length;
  const bytes = bits / 8;
  const out = new Uint8Array(frames * channels * bytes);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      const v = planar[c]![i]!;
      const at = (i * channels + c) * bytes;
      if (bits === 8) out[at] = v + 128;
      else if (bits === 16) dv.setInt16(at, v, true);
      else if (bits === 24) {
        out[at] = v & 0xff;
        out[at + 1] = (v >> 8) & 0xff;
        out[at + 2] = (v >> 16) & 0xff;
      } else dv.setInt32(at, v, true);
    }
  }
  return out;
}

export function encodeFloatSamples(planar: Float64Array[], bits: 32 | 64): Uint8Array {
  const channels = planar.length;
  const frames = planar[0]!.length;
  const bytes = bits / 8;
  const out = new Uint8Array(frames * channels * bytes);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      const at = (i * channels + c) * bytes;
      if (bits === 32) dv.setFloat32(at, planar[c]![i]!, true);
      else dv.setFloat64(at, planar[c]![i]!, true);
    }
  }
  return out;
}

/** Deterministic pseudo-random integers in the signed range of `bits`, per channel. */
export function randomIntChannels(channels: number, frames: number, bits: number, seed = 1): Int32Array[] {
  let s = seed >>> 0 || 1;
  const range = 2 ** bits;
  return Array.from({ length: channels }, () => {
    const out = new Int32Array(frames);
    for (let i = 0; i < frames; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      out[i] = Math.floor((s / 2 ** 32) * range) - range / 2;
    }
    return out;
  });
}

/** Streams bytes in chunks of `chunkSize` (1 exercises every split-header path). */
export async function* chunkedStream(bytes: Uint8Array, chunkSize: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
}
