import type { AudioContainer } from '../types.ts';
import { id3v2TagLength, isMpegFrameAt } from './mpeg-header.ts';

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** True for the RIFF/WAVE, RF64/WAVE and BW64/WAVE magic numbers. */
export function isWavHead(head: Uint8Array): boolean {
  return (
    (ascii(head, 0, 'RIFF') || ascii(head, 0, 'RF64') || ascii(head, 0, 'BW64')) &&
    ascii(head, 8, 'WAVE')
  );
}

export function isFlacHead(head: Uint8Array, offset = 0): boolean {
  return ascii(head, offset, 'fLaC');
}

/**
 * Identifies the container from the first bytes of a file, never from its name. An ID3v2 tag
 * means MP3 unless `fLaC` follows it inside `head`; a bare MPEG frame sync counts only with a
 * valid header, and with a second consecutive frame when `head` is long enough to hold one.
 */
export function detectAudioFormat(head: Uint8Array): AudioContainer | null {
  if (isWavHead(head)) return 'wav';
  if (isFlacHead(head)) return 'flac';
  const tagLength = id3v2TagLength(head);
  if (tagLength !== null) {
    return isFlacHead(head, tagLength) ? 'flac' : 'mp3';
  }
  if (isMpegFrameAt(head, 0)) return 'mp3';
  return null;
}
