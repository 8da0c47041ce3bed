// Shapes shared by the built-in lyric writer and the chat-model adapter.

export type LyricsSectionKind = 'verse' | 'chorus' | 'bridge' | 'pre-chorus' | 'outro';

export interface LyricsRequest {
  theme: string;
  mood?: string;
  /** Default verse, chorus, verse, chorus, bridge, chorus. */
  structure?: LyricsSectionKind[];
  seed?: number;
  language?: 'en';
}

export interface LyricsResult {
  title: string;
  sections: { kind: string; lines: string[] }[];
  /** The lyrics with "[Verse 1]" / "[Chorus]" headers, blank lines between sections. */
  text: string;
  engine: 'builtin-lyrics-v1' | `chat:${string}`;
}

export const DEFAULT_STRUCTURE: LyricsSectionKind[] = ['verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus'];
