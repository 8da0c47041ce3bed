// Deterministic test material: band-limited "music" (chords with harmonics, bass, filtered
// noise hits) and bursts whose peaks fall between samples.

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

/** Stereo music-like signal at roughly −20 LUFS with a true peak near −4 dBTP (level = 1). */
export function musicLike(seconds: number, sampleRate: number, seed = 1, level = 1): Float32Array[] {
  const rand = seededRandom(seed);
  const n = Math.round(seconds * sampleRate);
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  let lp1 = 0;
  let lp2 = 0;
  const hitEvery = Math.round(sampleRate / 2);
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    const chord =
      0.12 * Math.sin(2 * Math.PI * 220 * t) +
      0.08 * Math.sin(2 * Math.PI * 277.2 * t) +
      0.07 * Math.sin(2 * Math.PI * 329.6 * t + 1) +
      0.03 * Math.sin(2 * Math.PI * 660 * t + 2);
    const bass = 0.15 * Math.sin(2 * Math.PI * 55 * t);
    // Noise hits, two-pole low-passed so they stay clear of Nyquist like mastered drums.
    lp1 += 0.35 * (rand() - lp1);
    lp2 += 0.35 * (lp1 - lp2);
    const k = i % hitEvery;
    const hit = 0.25 * Math.exp(-k / (0.02 * sampleRate)) * lp2 * 2;
    const air = 0.01 * Math.sin(2 * Math.PI * 12000 * t);
    left[i] = level * (chord + bass + hit + air);
    right[i] = level * (0.9 * chord + bass + hit);
  }
  return [left, right];
}

/** Adds an fs/4 burst at 45° phase: samples sit at ±amp/√2, the waveform peaks at ±amp between them. */
export function addInterSampleBurst(channels: Float32Array[], sampleRate: number, startSec: number, ms: number, amp: number): void {
  const start = Math.round(startSec * sampleRate);
  const len = Math.round((ms / 1000) * sampleRate);
  for (const x of channels) {
    for (let i = 0; i < len && start + i < x.length; i++) {
      const fade = Math.min(1, i / 20, (len - 1 - i) / 20);
      x[start + i] += amp * fade * Math.sin((Math.PI / 2) * i + Math.PI / 4);
    }
  }
}
