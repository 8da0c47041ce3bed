// Test material for the loudness service: a DJ-mix-like programme driven into a soft clipper, so it
// is loud (about −9 LUFS with drive 9 dB) with peaks below 0 dBFS, as a real club mix would be.
import { createFileEncoder } from '../../../audio/encode/index.ts';
import { programmeBlocks } from '../../../audio/synth/index.ts';

export interface TestMixOptions {
  seconds: number;
  format?: 'wav' | 'flac' | 'mp3';
  sampleRate?: number;
  channels?: number;
  /** Gain before the clipper, dB: 9 gives about −9 LUFS. */
  driveDb?: number;
  seed?: number;
}

export async function writeTestMix(path: string, opts: TestMixOptions): Promise<void> {
  const { seconds, format = 'wav', sampleRate = 44100, channels = 2, driveDb = 9, seed = 1 } = opts;
  const encoder = await createFileEncoder(path, { format, sampleRate, channels, bitDepth: format === 'mp3' ? undefined : 16 });
  const gain = 10 ** (driveDb / 20);
  try {
    for (const block of programmeBlocks({ sampleRate, channels, seconds, seed, peakDbfs: -1 })) {
      for (const ch of block.channels) for (let i = 0; i < block.frames; i++) ch[i] = 0.97 * Math.tanh(ch[i] * gain);
      await encoder.write(block);
    }
    await encoder.end();
  } catch (err) {
    await encoder.abort();
    throw err;
  }
}
