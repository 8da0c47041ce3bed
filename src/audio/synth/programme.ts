import type { PcmBlock } from '../types.ts';

export interface ProgrammeOptions {
  sampleRate: number;
  channels: number;
  seconds: number;
  blockFrames?: number;
  /** Same seed, same samples. */
  seed?: number;
  /** Approximate sample peak, in dBFS (default −1; measured −1.2 over ten minutes). */
  peakDbfs?: number;
}

/**
 * Music-like test material generated block by block (any length in bounded memory): a kick-like
 * decaying bass tone on every beat, filtered noise, two slowly beating tones and a section
 * structure that moves the level by several LU. Not music, but with a music-like crest factor
 * and loudness range, so meters and limiters see realistic work.
 */
export function* programmeBlocks(opts: ProgrammeOptions): Generator<PcmBlock> {
  const { sampleRate, channels, seconds, blockFrames = 4096, seed = 1, peakDbfs = -1 } = opts;
  const total = Math.round(seconds * sampleRate);
  const scale = 10 ** (peakDbfs / 20) / 2.05; // the parts below peak at about 2.0 together
  let rng = seed >>> 0 || 1;
  const noise = new Float64Array(channels);
  const bright = new Float64Array(channels);
  // Oscillators as rotating phasors: no trigonometry per sample.
  const tones = [55, 220, 330].map((hz) => ({ c: Math.cos((2 * Math.PI * hz) / sampleRate), s: Math.sin((2 * Math.PI * hz) / sampleRate), x: 1, y: 0 }));
  const beat = Math.round(sampleRate / 2); // 120 bpm
  const decay = Math.exp(-8 / sampleRate);
  let kick = 0;
  for (let start = 0; start < total; start += blockFrames) {
    const frames = Math.min(blockFrames, total - start);
    const out = Array.from({ length: channels }, () => new Float32Array(frames));
    for (let i = 0; i < frames; i++) {
      const n = start + i;
      if (n % beat === 0) kick = 1;
      kick *= decay;
      // Sections of 20 s alternate between full, half and quieter levels.
      const section = [1, 0.55, 0.8, 0.3][Math.floor(n / (20 * sampleRate)) % 4];
      for (const t of tones) {
        const x = t.x * t.c - t.y * t.s;
        t.y = t.x * t.s + t.y * t.c;
        t.x = x;
      }
      for (let c = 0; c < channels; c++) {
        rng = (rng * 1664525 + 1013904223) >>> 0;
        const white = rng / 2 ** 32 - 0.5;
        noise[c] = 0.97 * noise[c] + 0.03 * white;
        bright[c] = 0.4 * bright[c] + white;
        const v = 0.7 * kick * tones[0].y + 8 * noise[c] + 0.12 * bright[c] + 0.15 * (c % 2 ? tones[1].y : tones[2].y);
        out[c][i] = v * section * scale;
      }
    }
    yield { channels: out, frames };
  }
}
