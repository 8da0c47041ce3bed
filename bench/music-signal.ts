// A long "music-like" benchmark file built from a few synthesized 16-second patterns: kick,
// snare and hi-hat noise (wideband, up to Nyquist), bass, chords with harmonics and a little air
// near 19 kHz, mastered loud enough that inter-sample peaks exceed the sample peak.

import { createFileEncoder } from '../src/audio/encode/index.ts';

const PATTERN_SECONDS = 16;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

const CHORDS = [
  [220, 277.18, 329.63],
  [196, 246.94, 293.66],
  [174.61, 220, 261.63],
  [164.81, 207.65, 246.94],
];

/** One 16 s stereo pattern (8 bars at 120 BPM); `variant` changes chords, groove and noise. */
function pattern(sampleRate: number, variant: number): Float32Array[] {
  const rand = seeded(1000 + variant);
  const n = PATTERN_SECONDS * sampleRate;
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  const beat = sampleRate / 2;
  let hatPrev = 0;
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    const bar = Math.floor(i / (4 * beat));
    const chord = CHORDS[(bar + variant) % 4];
    const inBeat = i % beat;
    const beatIndex = Math.floor(i / beat) % 4;
    // Kick: falling sine with a fast decay on every beat.
    const kt = inBeat / sampleRate;
    const kick = 0.9 * Math.exp(-kt * 9) * Math.sin(2 * Math.PI * (50 * kt + 35 * (1 - Math.exp(-kt * 30))));
    // Snare on 2 and 4: white noise burst plus a body tone.
    const snare = beatIndex % 2 === 1 ? Math.exp(-kt * 18) * (0.45 * rand() + 0.25 * Math.sin(2 * Math.PI * 190 * kt)) : 0;
    // Hi-hat on eighths: differentiated noise, energy up to Nyquist.
    const eighth = i % (beat / 2);
    const noise = rand();
    const hat = (variant % 2 === 0 || eighth < beat / 4 ? 0.35 : 0.2) * Math.exp(-(eighth / sampleRate) * 60) * (noise - hatPrev);
    hatPrev = noise;
    let bass = 0;
    for (let h = 1; h <= 4; h++) bass += (0.32 / h) * Math.sin(2 * Math.PI * (chord[0] / 4) * h * t);
    let pad = 0;
    for (const f of chord) for (let h = 1; h <= 6; h++) pad += (0.09 / (h * h)) * Math.sin(2 * Math.PI * f * h * t + h);
    const air = 0.01 * Math.sin(2 * Math.PI * 19000 * t);
    const common = kick + bass + snare;
    left[i] = common + pad + hat + air;
    right[i] = common + 0.9 * pad - 0.8 * hat;
  }
  // Master: soft-clip so samples stay within full scale while the waveform between them does not.
  let peak = 0;
  for (const x of [left, right]) for (const v of x) peak = Math.max(peak, Math.abs(v));
  const drive = 2.5 / peak;
  for (const x of [left, right]) for (let i = 0; i < n; i++) x[i] = 0.985 * Math.tanh(drive * x[i]);
  return [left, right];
}

/** Writes `minutes` of 16-bit stereo WAV: patterns in sequence, quieter verses, louder choruses. */
export async function writeMusicLikeWav(path: string, minutes: number, sampleRate = 44100): Promise<void> {
  const patterns = [0, 1, 2, 3].map((v) => pattern(sampleRate, v));
  const encoder = await createFileEncoder(path, { format: 'wav', sampleRate, channels: 2, bitDepth: 16 });
  const sections = Math.ceil((minutes * 60) / PATTERN_SECONDS);
  const total = minutes * 60 * sampleRate;
  let written = 0;
  const block = 1 << 16;
  try {
    for (let s = 0; s < sections && written < total; s++) {
      const [l, r] = patterns[(s * 7) % 4];
      // Song form: two verses (−5 dB) then two choruses, so the loudness range is not zero.
      const gain = s % 4 < 2 ? 10 ** (-5 / 20) : 1;
      for (let pos = 0; pos < l.length && written < total; pos += block) {
        const frames = Math.min(block, l.length - pos, total - written);
        const out = [new Float32Array(frames), new Float32Array(frames)];
        for (let i = 0; i < frames; i++) {
          out[0][i] = l[pos + i] * gain;
          out[1][i] = r[pos + i] * gain;
        }
        await encoder.write({ channels: out, frames });
        written += frames;
      }
    }
    await encoder.end();
  } catch (err) {
    await encoder.abort();
    throw err;
  }
}
