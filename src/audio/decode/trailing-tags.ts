// Taggers sometimes append ID3v1 and APEv2 tags to FLAC files. The FLAC parser takes those bytes
// as part of the last frame, whose CRC then fails, and the frame would be lost; so the tail of
// the stream is held back and the tags cut off before it is fed.

function startsWith(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset < 0 || offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Bytes at the end of `tail` that are ID3v1 / APEv2 tags rather than audio. */
export function trailingTagLength(tail: Uint8Array): number {
  let end = tail.length;
  if (startsWith(tail, end - 128, 'TAG')) end -= 128;
  if (startsWith(tail, end - 32, 'APETAGEX')) {
    const dv = new DataView(tail.buffer, tail.byteOffset + end - 32, 32);
    const size = dv.getUint32(12, true); // footer + items, not the optional header
    const hasHeader = (dv.getUint32(20, true) & 0x80000000) !== 0;
    const total = size + (hasHeader ? 32 : 0);
    if (total >= 32 && total <= end) end -= total;
  }
  return tail.length - end;
}

/**
 * Delays a byte stream by at least `holdBytes` so that, at the end, the last bytes can be
 * inspected before they are passed on. Memory stays at about holdBytes plus one chunk.
 */
export function createTailHolder(holdBytes: number) {
  const queue: Uint8Array[] = [];
  let queued = 0;
  return {
    /** Adds a chunk; returns the chunks that are now far enough from the end to release. */
    push(chunk: Uint8Array): Uint8Array[] {
      queue.push(chunk);
      queued += chunk.length;
      const released: Uint8Array[] = [];
      while (queue.length > 1 && queued - queue[0]!.length >= holdBytes) {
        const first = queue.shift()!;
        queued -= first.length;
        released.push(first);
      }
      return released;
    },
    /** At end of stream: the held bytes, with any trailing tags removed. */
    finish(): Uint8Array {
      const tail = new Uint8Array(queued);
      let offset = 0;
      for (const chunk of queue.splice(0)) {
        tail.set(chunk, offset);
        offset += chunk.length;
      }
      queued = 0;
      return tail.subarray(0, tail.length - trailingTagLength(tail));
    },
  };
}
