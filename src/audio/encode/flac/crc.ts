// The two CRCs of a FLAC frame: CRC-8 (poly 0x07) over the header, CRC-16 (poly 0x8005) over
// the whole frame. Both start at 0 and are not reflected.

function table(bitsWide: 8 | 16, poly: number): Uint16Array {
  const out = new Uint16Array(256);
  const top = 1 << (bitsWide - 1);
  const mask = (1 << bitsWide) - 1;
  for (let i = 0; i < 256; i++) {
    let crc = i << (bitsWide - 8);
    for (let b = 0; b < 8; b++) crc = crc & top ? ((crc << 1) ^ poly) & mask : (crc << 1) & mask;
    out[i] = crc;
  }
  return out;
}

const CRC8 = table(8, 0x07);
const CRC16 = table(16, 0x8005);

export function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) crc = CRC8[crc ^ bytes[i]!]!;
  return crc;
}

export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) & 0xffff) ^ CRC16[(crc >> 8) ^ bytes[i]!]!;
  return crc;
}
