// planSong: a request (and, for derived tasks, the parent's plan) → a complete, JSON-safe plan.
// text2music and retake plan from the prompt; extend appends a continuation part to the parent;
// repaint records a region to re-render over the parent; remix re-arranges the parent's chords
// and melody in the style of a new prompt.
import { arrangeSections, barsFor, offsetSections } from './arrangement.ts';
import { chooseBpm, chooseGenre, chooseKey, chooseMode, chooseProgressions, chooseStyle, instrumentList } from './choose-style.ts';
import { genreByName } from './genres.ts';
import { alignLyrics } from './lyric-alignment.ts';
import { parsePrompt } from './parse-prompt.ts';
import { createRandom, mixSeed, type Random } from './random.ts';
import type { MusicRequest, PlanChord, PlanLineage, PlanPart, SectionName, SongPlan } from './types.ts';

export const DEFAULT_SAMPLE_RATE = 44100;
export const DURATION_RANGE = { min: 5, max: 300 } as const;
/** Shortest region a repaint accepts: anything less cannot hold its own crossfades. */
export const MIN_REPAINT_SECONDS = 0.5;

export class MusicRequestError extends Error {
  readonly code = 'invalid_music_request';
  constructor(message: string) {
    super(message);
    this.name = 'MusicRequestError';
  }
}

export function planFrames(plan: SongPlan): number {
  return Math.round(plan.durationSeconds * plan.sampleRate);
}

function validate(request: MusicRequest): void {
  const { durationSeconds: d, seed, sampleRate } = request;
  if (!Number.isFinite(d) || d < DURATION_RANGE.min || d > DURATION_RANGE.max) {
    throw new MusicRequestError(`durationSeconds must be ${DURATION_RANGE.min}–${DURATION_RANGE.max}, got ${d}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new MusicRequestError(`seed must be a uint32, got ${seed}`);
  if (sampleRate !== undefined && (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 192000)) {
    throw new MusicRequestError(`sampleRate must be an integer in 8000–192000, got ${sampleRate}`);
  }
  if (request.task !== 'text2music' && !request.parent?.plan) throw new MusicRequestError(`${request.task} needs parent.plan`);
  if (request.parent?.plan && request.parent.plan.engine !== 'procedural-v1') {
    throw new MusicRequestError(`parent plan was made by ${String(request.parent.plan.engine)}, not procedural-v1`);
  }
}

function buildPart(
  seconds: number, sampleRate: number, bpm: number, random: Random, progressions: Record<SectionName, PlanChord[]>,
  melodySeed: number, grooveSeed: number, lyricsText: string | null, opening: boolean,
): PlanPart {
  const sections = arrangeSections(barsFor(seconds, bpm), random, opening);
  const lyrics = lyricsText && lyricsText.trim() ? alignLyrics(lyricsText, sections) : null;
  return {
    frames: Math.round(seconds * sampleRate),
    sections,
    progressions,
    melodySeed,
    grooveSeed,
    lyrics,
    fadeOutSeconds: Math.min(3, seconds * 0.1),
  };
}

const ORIGINAL: PlanLineage = { task: 'text2music', parentSeed: null, parentGenre: null, depth: 0 };

function lineageFrom(task: MusicRequest['task'], parent: SongPlan): PlanLineage {
  return { task, parentSeed: parent.seed, parentGenre: parent.genre, depth: parent.lineage.depth + 1 };
}

/** The first part of a song: where its chords and melody were first laid down. */
function originalPart(plan: SongPlan): PlanPart {
  if (plan.source && (plan.task === 'extend' || plan.part === null)) return originalPart(plan.source);
  if (!plan.part) throw new MusicRequestError('parent plan has no renderable part');
  return plan.part;
}

interface Fixed {
  genre?: string;
  bpm?: number;
  key?: string;
  mode?: SongPlan['mode'];
}

function planFromPrompt(request: MusicRequest, prompt: string, lyricsText: string | null, seconds: number, sampleRate: number, seed: number, fixed: Fixed): SongPlan {
  const parsed = parsePrompt(prompt);
  // The prompt is part of the seed: two prompts with one seed should not share a key and a tune.
  const songSeed = mixSeed(seed, prompt.trim().toLowerCase());
  const random = createRandom(mixSeed(songSeed, 'plan'));
  const genre = fixed.genre ? genreByName(fixed.genre) : chooseGenre(parsed, random);
  const bpm = fixed.bpm ?? parsed.bpm ?? chooseBpm(genre, parsed.mood, random);
  const mode = fixed.mode ?? parsed.mode ?? chooseMode(genre, parsed.mood, random);
  const key = fixed.key ?? parsed.key ?? chooseKey(random);
  const style = chooseStyle(genre, parsed, prompt, random);
  const progressions = chooseProgressions(genre, mode, random);
  const part = buildPart(seconds, sampleRate, bpm, random, progressions, mixSeed(songSeed, 'melody'), mixSeed(songSeed, 'groove'), lyricsText, true);
  return {
    engine: 'procedural-v1', seed: request.seed, sampleRate, durationSeconds: part.frames / sampleRate,
    genre: genre.name, bpm, key, mode, instruments: instrumentList(style, part.lyrics !== null), sections: part.sections,
    task: request.task, prompt, mood: parsed.mood, lyricsText, style, lineage: ORIGINAL, part, source: null, repaint: null,
  };
}

/** All the lyrics a song was made with: an extension's follow its parent's. */
function songLyrics(plan: SongPlan): string | null {
  if (plan.repaint && plan.source) return songLyrics(plan.source);
  const earlier = plan.task === 'extend' && plan.source ? songLyrics(plan.source) : null;
  const parts = [earlier, plan.lyricsText].filter((text): text is string => !!text && text.trim().length > 0);
  return parts.length > 0 ? parts.join('\n\n') : null;
}

function planRetake(request: MusicRequest, parent: SongPlan): SongPlan {
  // The same seed as the parent would reproduce it; salting makes every retake a new take.
  const seed = request.seed === parent.seed ? mixSeed(request.seed, 'retake') : request.seed;
  const fixed = { genre: parent.genre, bpm: parent.bpm, key: parent.key, mode: parent.mode };
  const plan = planFromPrompt(request, parent.prompt, songLyrics(parent), parent.durationSeconds, parent.sampleRate, seed, fixed);
  return { ...plan, lineage: lineageFrom('retake', parent) };
}

function planExtend(request: MusicRequest, parent: SongPlan): SongPlan {
  const random = createRandom(mixSeed(request.seed, 'extend'));
  const original = originalPart(parent);
  const lyricsText = request.lyrics?.trim() ? request.lyrics : null;
  // The continuation keeps the song's chords and tunes; only the groove is new.
  const part = buildPart(
    request.durationSeconds, parent.sampleRate, parent.bpm, random, original.progressions,
    original.melodySeed, mixSeed(request.seed, 'groove'), lyricsText, false,
  );
  const frames = Math.round(parent.durationSeconds * parent.sampleRate) + part.frames;
  return {
    ...parent,
    seed: request.seed,
    task: 'extend',
    durationSeconds: frames / parent.sampleRate,
    sections: [...parent.sections, ...offsetSections(part.sections, barsFor(parent.durationSeconds, parent.bpm))],
    instruments: instrumentList(parent.style, parent.instruments.includes('vocal-lead') || part.lyrics !== null),
    lyricsText,
    lineage: lineageFrom('extend', parent),
    part,
    source: parent,
    repaint: null,
  };
}

function planRepaint(request: MusicRequest, parent: SongPlan): SongPlan {
  const region = request.region;
  if (!region) throw new MusicRequestError('repaint needs region');
  const { start, end } = region;
  if (!(start >= 0 && end <= parent.durationSeconds + 1e-9 && end - start >= MIN_REPAINT_SECONDS)) {
    throw new MusicRequestError(
      `region must lie within 0–${parent.durationSeconds.toFixed(3)} s and span at least ${MIN_REPAINT_SECONDS} s, got ${start}–${end}`,
    );
  }
  return {
    ...parent,
    seed: request.seed,
    task: 'repaint',
    lyricsText: null,
    lineage: lineageFrom('repaint', parent),
    part: null,
    source: parent,
    repaint: { start, end: Math.min(end, parent.durationSeconds), salt: mixSeed(request.seed, `repaint:${parent.seed}`) },
  };
}


function planRemix(request: MusicRequest, parent: SongPlan): SongPlan {
  const parsed = parsePrompt(request.prompt);
  const random = createRandom(mixSeed(request.seed, 'remix'));
  const genre = chooseGenre(parsed, random, parent.genre);
  const bpm = parsed.bpm ?? chooseBpm(genre, parsed.mood, random);
  const mode = parsed.mode ?? parent.mode;
  const key = parsed.key ?? parent.key;
  const style = chooseStyle(genre, parsed, request.prompt, random);
  const original = originalPart(parent);
  const lyricsText = request.lyrics?.trim() ? request.lyrics : songLyrics(parent);
  const sampleRate = request.sampleRate ?? parent.sampleRate;
  const part = buildPart(
    request.durationSeconds, sampleRate, bpm, random, original.progressions,
    original.melodySeed, mixSeed(request.seed, 'groove'), lyricsText, true,
  );
  return {
    engine: 'procedural-v1', seed: request.seed, sampleRate, durationSeconds: part.frames / sampleRate,
    genre: genre.name, bpm, key, mode, instruments: instrumentList(style, part.lyrics !== null), sections: part.sections,
    task: 'remix', prompt: request.prompt, mood: parsed.mood, lyricsText, style,
    lineage: lineageFrom('remix', parent), part, source: null, repaint: null,
  };
}

/** Deterministic: the same request (parent plan included) always gives the same plan. */
export function planSong(request: MusicRequest): SongPlan {
  validate(request);
  const parent = request.parent?.plan;
  switch (request.task) {
    case 'text2music': {
      const lyrics = request.lyrics?.trim() ? request.lyrics : null;
      return planFromPrompt(request, request.prompt, lyrics, request.durationSeconds, request.sampleRate ?? DEFAULT_SAMPLE_RATE, request.seed, {});
    }
    case 'retake':
      return planRetake(request, parent!);
    case 'extend':
      return planExtend(request, parent!);
    case 'repaint':
      return planRepaint(request, parent!);
    case 'remix':
      return planRemix(request, parent!);
    default:
      throw new MusicRequestError(`unknown task ${String(request.task)}`);
  }
}
