// Renders a plan tree. A plain plan renders its part; an extend renders its source and then its
// continuation, so the first frames are the source's own; a repaint streams its source and, only
// inside the region, crossfades to a re-seeded render of the same song. Outside the region the
// source's samples pass through untouched.
import type { PcmBlock } from '../../audio/types.ts';
import { barSeconds } from './arrangement.ts';
import { chooseProgressions } from './choose-style.ts';
import { genreByName } from './genres.ts';
import { planFrames } from './plan-song.ts';
import { createRandom, mixSeed } from './random.ts';
import { renderPart } from './render-part.ts';
import type { SongPlan } from './types.ts';

/** Longest crossfade at each edge of a repainted region. */
const REPAINT_FADE_SECONDS = 0.5;
/** Bars rendered ahead of a region so its reverb and notes are already sounding. */
const REPAINT_PREROLL_BARS = 2;

/**
 * The same song (form, tempo, key, instruments) with new chords, melody and groove everywhere;
 * earlier repaints dissolve into it. Only the part inside a repaint region is ever heard.
 */
export function reseedPlan(plan: SongPlan, salt: number): SongPlan {
  if (plan.repaint && plan.source) return reseedPlan(plan.source, salt);
  const part = plan.part
    ? {
        ...plan.part,
        progressions: chooseProgressions(genreByName(plan.genre), plan.mode, createRandom(mixSeed(plan.part.melodySeed, salt))),
        melodySeed: mixSeed(plan.part.melodySeed, salt),
        grooveSeed: mixSeed(plan.part.grooveSeed, salt),
      }
    : null;
  return { ...plan, part, source: plan.source ? reseedPlan(plan.source, salt) : null };
}

interface FrameReader {
  /** Copies the next `count` frames into left/right starting at `offset`. */
  read(left: Float32Array, right: Float32Array, offset: number, count: number): void;
}

function frameReader(blocks: Iterator<PcmBlock>): FrameReader {
  let block: PcmBlock | null = null;
  let position = 0;
  return {
    read(left, right, offset, count) {
      let done = 0;
      while (done < count) {
        if (!block || position >= block.frames) {
          const next = blocks.next();
          if (next.done) {
            // Only reached if the re-render is shorter than asked; silence is the honest filler.
            left.fill(0, offset + done, offset + count);
            right.fill(0, offset + done, offset + count);
            return;
          }
          block = next.value;
          position = 0;
        }
        const n = Math.min(count - done, block.frames - position);
        left.set(block.channels[0].subarray(position, position + n), offset + done);
        right.set(block.channels[1].subarray(position, position + n), offset + done);
        position += n;
        done += n;
      }
    },
  };
}

function* renderRepaintRange(plan: SongPlan, from: number, to: number): Generator<PcmBlock> {
  const source = plan.source!;
  const region = plan.repaint!;
  const sr = plan.sampleRate;
  const regionStart = Math.round(region.start * sr);
  const regionEnd = Math.min(planFrames(source), Math.round(region.end * sr));
  const fade = Math.max(1, Math.min(Math.round(REPAINT_FADE_SECONDS * sr), Math.floor((regionEnd - regionStart) / 4)));
  const altFrom = Math.max(from, regionStart);
  const altTo = Math.min(to, regionEnd);
  const preroll = Math.round(REPAINT_PREROLL_BARS * barSeconds(plan.bpm) * sr);
  const alt = altFrom < altTo ? frameReader(renderRange(reseedPlan(source, region.salt), altFrom, altTo, preroll)) : null;
  const altL = new Float32Array(0x4000);
  const altR = new Float32Array(0x4000);
  let position = from;
  for (const block of renderRange(source, from, to, 0)) {
    const overlapStart = Math.max(position, regionStart);
    const overlapEnd = Math.min(position + block.frames, regionEnd);
    for (let start = overlapStart; alt && start < overlapEnd; start += altL.length) {
      const count = Math.min(altL.length, overlapEnd - start);
      alt.read(altL, altR, 0, count);
      const [left, right] = block.channels;
      for (let i = 0; i < count; i++) {
        const frame = start + i;
        const j = frame - position;
        const x = Math.min(frame - regionStart, regionEnd - frame) / fade;
        if (x >= 1) {
          left[j] = altL[i];
          right[j] = altR[i];
        } else {
          // Equal-power crossfade: the two takes are unrelated, so their powers add.
          const wAlt = Math.sin((x * Math.PI) / 2);
          const wOld = Math.cos((x * Math.PI) / 2);
          left[j] = left[j] * wOld + altL[i] * wAlt;
          right[j] = right[j] * wOld + altR[i] * wAlt;
        }
      }
    }
    position += block.frames;
    yield block;
  }
}

/** Frames [from, to) of the plan's audio. */
export function* renderRange(plan: SongPlan, from: number, to: number, preroll: number): Generator<PcmBlock> {
  if (plan.repaint && plan.source) {
    yield* renderRepaintRange(plan, from, to);
    return;
  }
  if (!plan.part) throw new Error('plan has nothing to render');
  const input = { sampleRate: plan.sampleRate, bpm: plan.bpm, key: plan.key, mode: plan.mode, style: plan.style, part: plan.part };
  if (plan.source) {
    const sourceFrames = planFrames(plan.source);
    if (from < sourceFrames) yield* renderRange(plan.source, from, Math.min(to, sourceFrames), preroll);
    if (to > sourceFrames) yield* renderPart(input, { from: Math.max(0, from - sourceFrames), to: to - sourceFrames, preroll });
    return;
  }
  yield* renderPart(input, { from, to, preroll });
}

/** Streams the whole song as stereo blocks; the same plan always gives the same samples. */
export function* renderSong(plan: SongPlan, options: { onProgress?: (fraction: number) => void } = {}): Generator<PcmBlock> {
  const total = planFrames(plan);
  let done = 0;
  for (const block of renderRange(plan, 0, total, 0)) {
    done += block.frames;
    options.onProgress?.(done / total);
    yield block;
  }
}
