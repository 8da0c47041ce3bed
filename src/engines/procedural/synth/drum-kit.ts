// Drum sounds synthesized once per kit and sample rate, then played back as one-shots: kick =
// pitch-swept sine plus a click, snare = tuned body plus band-passed noise, hats and cymbals =
// high-passed noise with metallic partials. Playback is a multiply-add per sample.
import type { DrumKit } from '../types.ts';

export type DrumPiece = 'kick' | 'snare' | 'clap' | 'hat' | 'openhat' | 'ride' | 'crash' | 'tom' | 'shaker';
export const DRUM_PIECES: DrumPiece[] = ['kick', 'snare', 'clap', 'hat', 'openhat', 'ride', 'crash', 'tom', 'shaker'];

export type DrumSamples = Record<DrumPiece, Float32Array>;

interface KitShape {
  kickFrom: number; kickTo: number; kickSweep: number; kickDecay: number; kickClick: number;
  snareTone: number; snareNoise: number; snareDecay: number; snareBand: number;
  hatHighpass: number; lowpass: number;
}

const SHAPES: Record<DrumKit, KitShape> = {
  acoustic: { kickFrom: 120, kickTo: 52, kickSweep: 0.03, kickDecay: 0.22, kickClick: 0.35, snareTone: 190, snareNoise: 0.75, snareDecay: 0.14, snareBand: 2500, hatHighpass: 7000, lowpass: 16000 },
  electronic: { kickFrom: 160, kickTo: 48, kickSweep: 0.04, kickDecay: 0.3, kickClick: 0.25, snareTone: 210, snareNoise: 0.8, snareDecay: 0.16, snareBand: 3000, hatHighpass: 8000, lowpass: 18000 },
  '808': { kickFrom: 110, kickTo: 45, kickSweep: 0.05, kickDecay: 0.45, kickClick: 0.15, snareTone: 240, snareNoise: 0.7, snareDecay: 0.18, snareBand: 3500, hatHighpass: 8500, lowpass: 18000 },
  lofi: { kickFrom: 100, kickTo: 50, kickSweep: 0.03, kickDecay: 0.2, kickClick: 0.2, snareTone: 180, snareNoise: 0.6, snareDecay: 0.12, snareBand: 1800, hatHighpass: 5500, lowpass: 6000 },
  brush: { kickFrom: 90, kickTo: 55, kickSweep: 0.02, kickDecay: 0.18, kickClick: 0.1, snareTone: 200, snareNoise: 1, snareDecay: 0.22, snareBand: 4000, hatHighpass: 6000, lowpass: 10000 },
  heavy: { kickFrom: 140, kickTo: 50, kickSweep: 0.025, kickDecay: 0.2, kickClick: 0.6, snareTone: 200, snareNoise: 0.9, snareDecay: 0.2, snareBand: 2800, hatHighpass: 7500, lowpass: 17000 },
};

function noiseSource(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2147483648 - 1;
  };
}

/** RBJ biquad applied in place (precompute only, so clarity beats speed here). */
function biquad(buf: Float32Array, type: 'lowpass' | 'highpass' | 'bandpass', freq: number, q: number, sampleRate: number): void {
  const w = (2 * Math.PI * Math.min(freq, sampleRate * 0.45)) / sampleRate;
  const alpha = Math.sin(w) / (2 * q);
  const cos = Math.cos(w);
  let b0: number, b1: number, b2: number;
  if (type === 'lowpass') [b0, b1, b2] = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
  else if (type === 'highpass') [b0, b1, b2] = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
  else [b0, b1, b2] = [alpha, 0, -alpha];
  const a0 = 1 + alpha;
  const a1 = -2 * cos;
  const a2 = 1 - alpha;
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < buf.length; i++) {
    const x = buf[i];
    const y = (b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
    x2 = x1; x1 = x; y2 = y1; y1 = y;
    buf[i] = y;
  }
}

function decayingNoise(seconds: number, decay: number, sampleRate: number, seed: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const noise = noiseSource(seed);
  for (let i = 0; i < out.length; i++) out[i] = noise() * Math.exp(-i / (decay * sampleRate));
  return out;
}

function normalize(buf: Float32Array, peak: number): Float32Array {
  let max = 0;
  for (let i = 0; i < buf.length; i++) max = Math.max(max, Math.abs(buf[i]));
  const scale = max > 0 ? peak / max : 0;
  for (let i = 0; i < buf.length; i++) buf[i] *= scale;
  // A short fade at the end so a one-shot never stops on a step.
  const fade = Math.min(buf.length, 64);
  for (let i = 0; i < fade; i++) buf[buf.length - 1 - i] *= i / fade;
  return buf;
}

function sweptSine(seconds: number, from: number, to: number, sweep: number, decay: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / sampleRate;
    phase += (2 * Math.PI * (to + (from - to) * Math.exp(-t / sweep))) / sampleRate;
    out[i] = Math.sin(phase) * Math.exp(-t / decay);
  }
  return out;
}

function kick(s: KitShape, sr: number): Float32Array {
  const body = sweptSine(Math.min(1.2, s.kickDecay * 5), s.kickFrom, s.kickTo, s.kickSweep, s.kickDecay, sr);
  const click = decayingNoise(0.006, 0.0015, sr, 11);
  biquad(click, 'lowpass', 4000, 0.7, sr);
  for (let i = 0; i < click.length; i++) body[i] += click[i] * s.kickClick * 4;
  return normalize(body, 1);
}

function snare(s: KitShape, sr: number): Float32Array {
  const tone = sweptSine(0.35, s.snareTone * 1.3, s.snareTone, 0.01, 0.05, sr);
  const noise = decayingNoise(0.35, s.snareDecay, sr, 23);
  biquad(noise, 'bandpass', s.snareBand, 0.6, sr);
  biquad(noise, 'lowpass', s.lowpass, 0.7, sr);
  normalize(noise, 1);
  for (let i = 0; i < tone.length; i++) tone[i] = tone[i] * (1 - s.snareNoise * 0.6) + noise[i] * s.snareNoise;
  return normalize(tone, 0.9);
}

function clap(s: KitShape, sr: number): Float32Array {
  const out = decayingNoise(0.3, 0.08, sr, 37);
  // Three quick bursts before the tail: hands that do not hit together.
  for (let i = 0; i < out.length; i++) {
    const t = i / sr;
    const burst = t < 0.03 ? Math.exp(-((t * 1000) % 10) / 2.5) : 1;
    out[i] *= burst;
  }
  biquad(out, 'bandpass', 1400, 0.8, sr);
  biquad(out, 'lowpass', s.lowpass, 0.7, sr);
  return normalize(out, 0.8);
}

function metallic(seconds: number, decay: number, highpass: number, lowpass: number, sr: number, seed: number, metal: number): Float32Array {
  const out = decayingNoise(seconds, decay, sr, seed);
  // Square-ish partials at inharmonic ratios give cymbals their ring.
  const ratios = [1, 1.342, 1.2312, 1.6532, 1.9523, 2.1523];
  for (let i = 0; i < out.length; i++) {
    const t = i / sr;
    let sum = 0;
    for (const r of ratios) sum += Math.sign(Math.sin(2 * Math.PI * 420 * r * t));
    out[i] += (sum / ratios.length) * metal * Math.exp(-t / decay);
  }
  biquad(out, 'highpass', highpass, 0.7, sr);
  biquad(out, 'highpass', highpass, 0.7, sr);
  biquad(out, 'lowpass', lowpass, 0.7, sr);
  return normalize(out, 0.7);
}

function buildKit(kit: DrumKit, sr: number): DrumSamples {
  const s = SHAPES[kit];
  const shaker = decayingNoise(0.12, 0.03, sr, 71);
  biquad(shaker, 'bandpass', 6000, 0.9, sr);
  const brushSnare = kit === 'brush' ? decayingNoise(0.4, 0.15, sr, 29) : null;
  if (brushSnare) biquad(brushSnare, 'bandpass', 3000, 0.5, sr);
  return {
    kick: kick(s, sr),
    snare: brushSnare ? normalize(brushSnare, 0.7) : snare(s, sr),
    clap: clap(s, sr),
    hat: metallic(0.12, 0.025, s.hatHighpass, s.lowpass, sr, 41, 0.3),
    openhat: metallic(0.6, 0.18, s.hatHighpass, s.lowpass, sr, 43, 0.3),
    ride: metallic(1.2, 0.45, 3500, s.lowpass, sr, 47, 0.8),
    crash: metallic(2, 0.7, 3000, s.lowpass, sr, 53, 0.4),
    tom: normalize(sweptSine(0.6, 160, 95, 0.05, 0.18, sr), 0.9),
    shaker: normalize(shaker, 0.6),
  };
}

const kits = new Map<string, DrumSamples>();

export function drumKit(kit: DrumKit, sampleRate: number): DrumSamples {
  const id = `${kit}:${sampleRate}`;
  let samples = kits.get(id);
  if (!samples) {
    samples = buildKit(kit, sampleRate);
    kits.set(id, samples);
  }
  return samples;
}
