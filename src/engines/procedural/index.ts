// The built-in procedural music engine: rule-based composition and synthesis (no neural model).
// See docs/procedural-engine.md for what it understands and how the tasks behave.
export type {
  MusicRequest, MusicTask, Mode, Mood, ParsedPrompt, PlanChord, PlanPart, PlanSection, PlanStyle, SectionName, SongPlan,
} from './types.ts';
export { parsePrompt } from './parse-prompt.ts';
export { planSong, planFrames, MusicRequestError, DEFAULT_SAMPLE_RATE, DURATION_RANGE } from './plan-song.ts';
export { renderSong } from './render-song.ts';
export { renderSongToFile } from './render-file.ts';
export { lyricsToLrc } from './lrc.ts';
export { GENRES } from './genres.ts';
