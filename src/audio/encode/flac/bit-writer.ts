// MSB-first bit packing for FLAC frames into a fixed buffer sized for the worst case frame.

export interface BitWriter {
  /** Writes the low `n` bits of `value`, n ≤ 24. */
  bits(value: number, n: number): void;
  /** Writes up to 32 bits, for warm-up and verbatim samples wider than 24 bits. */
  wide(value: number, n: number): void;
  /** Rice code of an unsigned value with parameter k: quotient in unary, then k low bits. */
  rice(u: number, k: number): void;
  /** Pads with zero bits to the next byte boundary. */
  align(): void;
  /** Bytes written so far (call after align()). */
  bytes(): Uint8Array;
  reset(): void;
  readonly bitLength: number;
}

export function createBitWriter(capacityBytes: number): BitWriter {
  const buf = new Uint8Array(capacityBytes);
  let pos = 0;
  // Pending bits not yet flushed to `buf`; fewer than 8 between calls, so acc stays < 2^31.
  let acc = 0;
  let pending = 0;

  function bits(value: number, n: number): void {
    acc = (acc << n) | (value & ((1 << n) - 1));
    pending += n;
    while (pending >= 8) {
      pending -= 8;
      buf[pos++] = acc >>> pending;
    }
    acc &= (1 << pending) - 1;
  }

  return {
    bits,
    wide(value, n) {
      if (n > 24) {
        bits(Math.floor(value / 65536), n - 16);
        bits(value & 0xffff, 16);
      } else {
        bits(value, n);
      }
    },
    rice(u, k) {
      let q = u >>> k;
      if (q + 1 + k <= 24) {
        bits((1 << k) | (u & ((1 << k) - 1)), q + 1 + k);
        return;
      }
      while (q >= 24) {
        bits(0, 24);
        q -= 24;
      }
      bits(1, q + 1);
      if (k > 0) this.wide(u & (2 ** k - 1), k);
    },
    align() {
      if (pending > 0) bits(0, 8 - pending);
    },
    bytes: () => buf.subarray(0, pos),
    reset() {
      pos = 0;
      acc = 0;
      pending = 0;
    },
    get bitLength() {
      return pos * 8 + pending;
    },
  };
}
