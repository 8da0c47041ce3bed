import type { OutputFormat } from './tables.ts';

export const AUDIO_MIME: Record<OutputFormat, string> = {
  wav: 'audio/wav',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
};
