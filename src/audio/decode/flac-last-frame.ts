// The WASM FLAC decoder's frame parser sometimes drops a stream's final frame (it finds frame ends
// by looking for the next header, and the last frame has none), though the reference decoder reads
// it. The final frame is found here instead: the last position in the stream's tail where a frame
// header with a valid CRC-8 starts and whose bytes up to the end carry a valid CRC-16 footer.

function crc8(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc ^= bytes[i]!;
    for (let b = 0; b < 8; b++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

const CRC16_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let crc = n << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
    table[n] = crc;
  }
  return table;
})();

function crc16(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >> 8) ^ bytes[i]!) & 0xff]!;
  return crc;
}

/** Parses a frame header at `p`: its length and block size, or null when it is not a valid header. */
function parseFrameHeader(bytes: Uint8Array, p: number): { headerLength: number; blockSize: number } | null {
  if (p + 6 > bytes.length || bytes[p] !== 0xff || (bytes[p + 1]! & 0xfe) !== 0xf8) return null;
  const blockCode = bytes[p + 2]! >> 4;
  const rateCode = bytes[p + 2]! & 0x0f;
  if (blockCode === 0 || rateCode === 15 || (bytes[p + 3]! & 0x01) !== 0) return null;
  // The frame or sample number, UTF-8-style coded: the leading ones of its first byte give its length.
  const first = bytes[p + 4]!;
  let numberLength = 1;
  if (first & 0x80) {
    numberLength = 0;
    for (let mask = 0x80; first & mask; mask >>= 1) numberLength++;
    if (numberLength < 2 || numberLength > 7) return null;
  }
  let q = p + 4 + numberLength;
  let blockSize: number;
  if (blockCode === 1) blockSize = 192;
  else if (blockCode <= 5) blockSize = 576 << (blockCode - 2);
  else if (blockCode === 6) blockSize = bytes[q++]! + 1;
  else if (blockCode === 7) {
    blockSize = ((bytes[q]! << 8) | bytes[q + 1]!) + 1;
    q += 2;
  } else blockSize = 256 << (blockCode - 8);
  if (rateCode === 12) q += 1;
  else if (rateCode === 13 || rateCode === 14) q += 2;
  if (q >= bytes.length || crc8(bytes, p, q) !== bytes[q]) return null;
  return { headerLength: q + 1 - p, blockSize };
}

/** The final frame of a FLAC stream whose last bytes are `tail`, with its block size; null if none is found. */
export function findLastFlacFrame(tail: Uint8Array): { frame: Uint8Array; blockSize: number } | null {
  if (tail.length < 8) return null;
  const footer = (tail[tail.length - 2]! << 8) | tail[tail.length - 1]!;
  for (let p = tail.length - 8; p >= 0; p--) {
    if (tail[p] !== 0xff) continue;
    const header = parseFrameHeader(tail, p);
    if (header && crc16(tail, p, tail.length - 2) === footer) {
      return { frame: tail.subarray(p), blockSize: header.blockSize };
    }
  }
  return null;
}
