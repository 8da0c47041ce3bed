// Public shapes of the procedural music engine. A SongPlan is plain JSON: the caller stores it
// and hands it back for retake/repaint/extend/remix, and rendering the same plan again yields
// the same samples.

export type MusicTask = 'text2music' | 'retake' | 'repaint' | 'extend' | 'remix';
export type SectionName = 'intro' | 'verse' | 'chorus' | 'bridge' | 'outro';
export type Mode = 'major' | 'minor';
export type Mood = 'happy' | 'sad' | 'dark' | 'chill' | 'energetic';

export interface MusicRequest {
  task: MusicTask;
  prompt: string;
  lyrics?: string;
  /** 5–300 s. Retake and repaint keep the parent's duration; extend adds this much. */
  durationSeconds: number;
  /** uint32 */
  seed: number;
  /** Default 44100. */
  sampleRate?: number;
  /** Required for every task but text2music. */
  parent?: { plan: SongPlan };
  /** Seconds, repaint only. */
  region?: { start: number; end: number };
}

export interface PlanSection {
  name: SectionName;
  startBar: number;
  bars: number;
}

/**
 * A diatonic chord on a scale degree (0 = tonic). `dominant` forces a major third, as the V of
 * a minor key. Qualities are derived from the mode, so a progression survives a mode change.
 */
export interface PlanChord {
  degree: number;
  seventh: boolean;
  dominant: boolean;
}

export type DrumPattern =
  | 'none' | 'backbeat' | 'rock' | 'four-on-floor' | 'techno' | 'boom-bap' | 'trap' | 'halftime'
  | 'jazz-swing' | 'folk' | 'kids' | 'cinematic' | 'metal' | 'ambient';
export type DrumKit = 'acoustic' | 'electronic' | '808' | 'lofi' | 'brush' | 'heavy';
export type BassPattern = 'pop' | 'eighths' | 'sustain' | '808' | 'walking' | 'offbeat' | 'root-fifth' | 'syncopated';
export type ChordPattern = 'sustain' | 'comp' | 'strum' | 'stabs' | 'arpeggio' | 'jazz-comp' | 'keys';
export type VoiceName =
  | 'piano' | 'epiano' | 'organ' | 'pad' | 'strings' | 'guitar' | 'synth-lead' | 'square-lead'
  | 'flute' | 'bell' | 'vocal-lead' | 'sub-bass' | 'finger-bass' | 'synth-bass' | '808-bass'
  | 'synth-chords';

/** Everything about the sound that the seed or the prompt chose; shared by all parts of a song. */
export interface PlanStyle {
  drums: DrumPattern;
  kit: DrumKit;
  bass: BassPattern;
  bassVoice: VoiceName;
  chords: ChordPattern;
  chordVoice: VoiceName;
  pad: VoiceName | null;
  lead: VoiceName;
  /** 0 = straight; 0.33 = triplet swing of off-beat eighths. */
  swing: number;
  /** 0..1: opens the voices' low-pass filters. */
  brightness: number;
  /** Reverb send scale, 0..1. */
  reverb: number;
}

export interface AlignedSyllable {
  text: string;
  /** Beats from the start of the part this line belongs to. */
  beat: number;
  beats: number;
}

export interface AlignedLine {
  text: string;
  beat: number;
  syllables: AlignedSyllable[];
}

/** One continuously rendered stretch of music (a whole song, or an extension's continuation). */
export interface PlanPart {
  frames: number;
  sections: PlanSection[];
  progressions: Record<SectionName, PlanChord[]>;
  melodySeed: number;
  grooveSeed: number;
  lyrics: AlignedLine[] | null;
  fadeOutSeconds: number;
}

export interface PlanLineage {
  task: MusicTask;
  parentSeed: number | null;
  parentGenre: string | null;
  /** How many generations lie between this plan and a text2music original. */
  depth: number;
}

export interface SongPlan {
  engine: 'procedural-v1';
  seed: number;
  sampleRate: number;
  durationSeconds: number;
  genre: string;
  bpm: number;
  key: string;
  mode: Mode;
  instruments: string[];
  sections: PlanSection[];
  task: MusicTask;
  prompt: string;
  mood: Mood | null;
  lyricsText: string | null;
  style: PlanStyle;
  lineage: PlanLineage;
  /** Rendered by this plan itself; null for a repaint, which re-renders its source. */
  part: PlanPart | null;
  /** Extend: the parent whose audio comes first. Repaint: the parent being painted over. */
  source: SongPlan | null;
  repaint: { start: number; end: number; salt: number } | null;
}

export interface ParsedPrompt {
  genre: string | null;
  bpm: number | null;
  key: string | null;
  mode: Mode | null;
  instruments: string[];
  mood: Mood | null;
}
