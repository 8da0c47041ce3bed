// Lyric writers: the built-in rule-based writer and an adapter for OpenAI-compatible chat APIs.
export type { LyricsRequest, LyricsResult, LyricsSectionKind } from './types.ts';
export { DEFAULT_STRUCTURE } from './types.ts';
export { writeLyrics, type RhymeScheme } from './write-lyrics.ts';
export { createChatLyricsWriter, LyricsProviderError, type ChatLyricsOptions, type ChatLyricsWriter } from './chat-lyrics-writer.ts';
export { countSyllables, countLineSyllables } from './syllables.ts';
