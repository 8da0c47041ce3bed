// The contract between the generation worker and the engines that make the audio. A local engine
// renders in-process into a temp dir; an async engine hands the whole song to a provider, which
// answers later by webhook (its handler then calls completeVariation / failGeneration).
import type { SongTask } from '../../../db/schema.ts';

export type { SongTask };

export interface GenerationInput {
  songId: string;
  variationId: string;
  /** 0–2: which take of the song this is. */
  position: number;
  userId: string | null;
  task: SongTask;
  prompt: string;
  lyrics: string | null;
  title: string;
  durationSeconds: number;
  /** uint32, already varied per take (variation n uses the song seed + n). */
  seed: number;
  /** Seconds, repaint only. */
  region: { start: number; end: number } | null;
  /** The parent song's take 0, for every task but text2music. */
  parent: { songId: string; plan: unknown | null; audioKey: string | null; params: Record<string, unknown> } | null;
}

export interface RenderedTake {
  /** A file inside run.workDir; the worker masters and stores it, then removes the dir. */
  filePath: string;
  format: 'wav' | 'flac' | 'mp3';
  /** Enough to re-render or to derive later tasks from (the procedural SongPlan, a provider reply). */
  plan: unknown | null;
  lrc: string | null;
  /** Engine parameters worth keeping in the sidecar (model, version, tempo …). */
  params: Record<string, unknown>;
}

export interface LocalRun {
  workDir: string;
  signal: AbortSignal;
  log(step: string, message: string): Promise<void>;
  /** 0..1 for this take. */
  progress(fraction: number): Promise<void>;
}

export interface LocalEngine {
  name: string;
  kind: 'local';
  render(input: GenerationInput, run: LocalRun): Promise<RenderedTake>;
}

export interface AsyncRun {
  /** Where the provider should post its result. */
  webhookUrl: string;
  signal: AbortSignal;
  log(step: string, message: string): Promise<void>;
}

export interface AsyncEngine {
  name: string;
  kind: 'async';
  /** Submits the whole song (every variation); the provider answers by webhook. */
  submit(
    inputs: GenerationInput[],
    run: AsyncRun,
  ): Promise<{ /** One per input, same order; stored in song_variations.external_id. */ externalIds: string[]; params: Record<string, unknown> }>;
}

export type Engine = LocalEngine | AsyncEngine;

/** What completeVariation needs from an engine's result (webhook handlers build it from a download). */
export interface CompletedTake {
  filePath: string;
  format: 'wav' | 'flac' | 'mp3';
  plan: unknown | null;
  lrc: string | null;
  params: Record<string, unknown>;
  /** Milliseconds per step (render, master, store …); merged into song_variations.timings. */
  timings: Record<string, number>;
}
