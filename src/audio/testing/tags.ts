import { asciiBytes, concatBytes } from './wav-bytes.ts';

/** An APEv2 tag of `itemBytes` filler, with its footer and optionally its header. */
export function apeTag(itemBytes: number, withHeader: boolean): Uint8Array {
  const block = (): Uint8Array => {
    const b = new Uint8Array(32);
    b.set(asciiBytes('APETAGEX'));
    const dv = new DataView(b.buffer);
    dv.setUint32(8, 2000, true);
    dv.setUint32(12, itemBytes + 32, true);
    dv.setUint32(20, withHeader ? 0x80000000 : 0, true);
    return b;
  };
  return concatBytes([withHeader ? block() : new Uint8Array(0), new Uint8Array(itemBytes).fill(0x61), block()]);
}

/** A 128-byte ID3v1 tag. */
export function id3v1Tag(): Uint8Array {
  return concatBytes([asciiBytes('TAG'), new Uint8Array(125).fill(0x20)]);
}

/** An ID3v2.4 tag header declaring `size` bytes of body (the body is not included). */
export function id3v2Header(size: number): Uint8Array {
  const out = new Uint8Array(10);
  out.set(asciiBytes('ID3'), 0);
  out[3] = 4;
  for (let i = 0; i < 4; i++) out[9 - i] = (size >> (7 * i)) & 0x7f;
  return out;
}
