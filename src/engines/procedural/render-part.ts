// Streams one plan part as stereo blocks: voices render into mono track buses, the mixer pans
// them and feeds the reverb send, and the master applies the fade-out and a soft clipper.
// Buffers are allocated once per render; the per-sample loops hold no closures or allocations.
import type { PcmBlock } from '../../audio/types.ts';
import { buildScore, type ScoreInput } from './score/build-score.ts';
import { TRACK_COUNT, TRACK_MIX } from './score/events.ts';
import { drumKit, type DrumPiece } from './synth/drum-kit.ts';
import { createReverb, processReverb } from './synth/reverb.ts';
import { renderTone, startTone, type ToneState } from './synth/tone-voice.ts';

export const BLOCK_FRAMES = 2048;
/** Master gain before the soft clipper: leaves the mix peaking near -6 dBFS. */
const MASTER_GAIN = 0.55;
/** Soft clipper: linear below the knee, approaching the ceiling (never reaching it) above. */
const KNEE = 0.6;
const CEILING = 0.95;

interface ActiveHit {
  sample: Float32Array;
  start: number;
  /** Frame at which the hit stops: its sample's end, or earlier when a later hit chokes it. */
  end: number;
  /** Frames from here to `end` fade out (a choked hit); Infinity when not choked. */
  chokeStart: number;
  gain: number;
  track: number;
  choke: number;
}

/**
 * Pieces that cut off their own previous hit, as on a drum machine (-1: ring freely). Open and
 * closed hats share a group. Without this a 16th-note kick stacks a dozen one-shots.
 */
const CHOKE_GROUP: Record<DrumPiece, number> = { kick: 0, snare: 1, clap: 2, tom: 3, hat: 4, openhat: 4, ride: -1, crash: -1, shaker: 5 };
const CHOKE_FRAMES = 96;

export interface PartRange {
  /** First frame to output. */
  from: number;
  /** Frame after the last one to output. */
  to: number;
  /**
   * Frames rendered (and discarded) before `from` so that reverb and the notes begun there are
   * already sounding. Notes that started even earlier are left out.
   */
  preroll: number;
}

interface Bus {
  tracks: Float32Array[];
  used: Uint8Array;
  left: Float32Array;
  right: Float32Array;
  send: Float32Array;
  gains: { left: number; right: number; send: number }[];
}

/** Plays drum one-shots into their tracks and drops the hits that have finished. */
function playHits(hits: ActiveHit[], bus: Bus, blockStart: number, blockEnd: number): void {
  let kept = 0;
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i];
    const out = bus.tracks[hit.track];
    bus.used[hit.track] = 1;
    const sample = hit.sample;
    const gain = hit.gain;
    const from = Math.max(hit.start, blockStart);
    const to = Math.min(hit.end, blockEnd);
    const plainEnd = Math.min(to, hit.chokeStart);
    for (let f = from; f < plainEnd; f++) out[f - blockStart] += sample[f - hit.start] * gain;
    for (let f = Math.max(from, plainEnd); f < to; f++) out[f - blockStart] += sample[f - hit.start] * gain * ((hit.end - f) / CHOKE_FRAMES);
    if (hit.end > blockEnd) hits[kept++] = hit;
  }
  hits.length = kept;
}

/** Starts a hit, choking the ringing hit of the same group. */
function startHit(hits: ActiveHit[], sample: Float32Array, start: number, gain: number, track: number, piece: DrumPiece): void {
  const choke = CHOKE_GROUP[piece];
  if (choke >= 0) {
    for (const other of hits) {
      if (other.choke === choke && other.end > start + CHOKE_FRAMES) {
        other.chokeStart = start;
        other.end = start + CHOKE_FRAMES;
      }
    }
  }
  hits.push({ sample, start, end: start + sample.length, chokeStart: Infinity, gain, track, choke });
}

function mixTracks(bus: Bus, count: number): void {
  const { left, right, send } = bus;
  left.fill(0, 0, count);
  right.fill(0, 0, count);
  send.fill(0, 0, count);
  for (let t = 0; t < TRACK_COUNT; t++) {
    // Most blocks leave some buses silent (no pad in verses, no drums in intros): skip them.
    if (!bus.used[t]) continue;
    const buf = bus.tracks[t];
    const { left: gl, right: gr, send: gs } = bus.gains[t];
    if (gs === 0) {
      for (let i = 0; i < count; i++) {
        const x = buf[i];
        left[i] += x * gl;
        right[i] += x * gr;
      }
    } else {
      for (let i = 0; i < count; i++) {
        const x = buf[i];
        left[i] += x * gl;
        right[i] += x * gr;
        send[i] += x * gs;
      }
    }
  }
}

/** Gain (per frame, or one number before the fade-out starts) and the soft clipper. */
function softClipInto(input: Float32Array, output: Float32Array, from: number, count: number, gain: Float32Array | number): void {
  const range = CEILING - KNEE;
  const constant = typeof gain === 'number' ? gain : 0;
  const ramp = typeof gain === 'number' ? null : gain;
  for (let i = from; i < count; i++) {
    const x = input[i] * (ramp ? ramp[i] : constant);
    const a = x < 0 ? -x : x;
    if (a <= KNEE) {
      output[i - from] = x;
    } else {
      const u = (a - KNEE) / range;
      const y = KNEE + (range * u) / (1 + u);
      output[i - from] = x < 0 ? -y : y;
    }
  }
}

export function* renderPart(input: ScoreInput, range: PartRange = { from: 0, to: input.part.frames, preroll: 0 }): Generator<PcmBlock> {
  const { sampleRate, style } = input;
  const score = buildScore(input);
  const kit = drumKit(style.kit, sampleRate);
  const frames = score.frames;
  const to = Math.min(range.to, frames);
  const begin = Math.max(0, range.from - range.preroll);
  const fadeFrames = Math.min(frames, Math.round(input.part.fadeOutSeconds * sampleRate));
  const fadeStart = frames - fadeFrames;

  const bus: Bus = {
    tracks: Array.from({ length: TRACK_COUNT }, () => new Float32Array(BLOCK_FRAMES)),
    used: new Uint8Array(TRACK_COUNT).fill(1),
    left: new Float32Array(BLOCK_FRAMES),
    right: new Float32Array(BLOCK_FRAMES),
    send: new Float32Array(BLOCK_FRAMES),
    gains: TRACK_MIX.map(({ pan, send }) => ({
      left: Math.cos(((pan + 1) * Math.PI) / 4),
      right: Math.sin(((pan + 1) * Math.PI) / 4),
      send: send * style.reverb,
    })),
  };
  const masterGain = new Float32Array(BLOCK_FRAMES);
  const reverb = createReverb(sampleRate, style.reverb);

  const tones: ToneState[] = [];
  const hits: ActiveHit[] = [];
  let nextTone = 0;
  let nextHit = 0;
  while (nextTone < score.tones.length && score.tones[nextTone].start < begin) nextTone++;
  while (nextHit < score.hits.length && score.hits[nextHit].start < begin) nextHit++;

  for (let blockStart = begin; blockStart < to; blockStart += BLOCK_FRAMES) {
    const blockEnd = Math.min(to, blockStart + BLOCK_FRAMES);
    const count = blockEnd - blockStart;
    for (let t = 0; t < TRACK_COUNT; t++) if (bus.used[t]) bus.tracks[t].fill(0, 0, count);
    bus.used.fill(0);

    while (nextTone < score.tones.length && score.tones[nextTone].start < blockEnd) {
      tones.push(startTone(score.tones[nextTone], sampleRate, style.brightness, nextTone));
      nextTone++;
    }
    let kept = 0;
    for (let i = 0; i < tones.length; i++) {
      const tone = tones[i];
      bus.used[tone.track] = 1;
      if (tone.pairTrack >= 0) bus.used[tone.pairTrack] = 1;
      if (renderTone(tone, bus.tracks, blockStart, blockStart, blockEnd)) tones[kept++] = tone;
    }
    tones.length = kept;

    while (nextHit < score.hits.length && score.hits[nextHit].start < blockEnd) {
      const hit = score.hits[nextHit++];
      startHit(hits, kit[hit.piece], hit.start, hit.velocity, hit.track, hit.piece);
    }
    playHits(hits, bus, blockStart, blockEnd);
    mixTracks(bus, count);
    processReverb(reverb, bus.send, bus.left, bus.right, count);

    if (blockEnd <= range.from) continue;
    let gain: Float32Array | number = MASTER_GAIN;
    if (blockEnd > fadeStart) {
      for (let i = 0; i < count; i++) {
        const frame = blockStart + i;
        const f = frame >= fadeStart ? (frames - frame) / fadeFrames : 1;
        masterGain[i] = MASTER_GAIN * f * f;
      }
      gain = masterGain;
    }
    const skip = Math.max(0, range.from - blockStart);
    const outL = new Float32Array(count - skip);
    const outR = new Float32Array(count - skip);
    softClipInto(bus.left, outL, skip, count, gain);
    softClipInto(bus.right, outR, skip, count, gain);
    yield { channels: [outL, outR], frames: count - skip };
  }
}
