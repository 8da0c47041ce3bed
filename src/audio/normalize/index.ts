// Loudness normalization of a file: measure, apply one static gain (limiting only the overs when
// the gain would push the true peak past the ceiling), encode, then re-measure what was actually
// written and correct it if it missed. Output goes to a temporary file renamed into place.

import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { openAudioFile } from '../decode/index.ts';
import type { LimiterStats } from '../dynamics/true-peak-limiter.ts';
import { AudioError, type AudioContainer } from '../types.ts';
import { analyzeAudio, type AnalysisResult } from '../loudness/analyze.ts';
import { correctPlan, planRender, type PassResult, type RenderPlan } from './plan.ts';
import { measureRendered } from './measure-rendered.ts';
import { openRender, THREADED_MIN_SECONDS } from './render.ts';

export type { AnalysisReport } from '../loudness/analyze.ts';
export type { RenderPlan } from './plan.ts';

export interface NormalizeOptions {
  targetLufs: number;
  truePeakDbtp: number;
  /** Output container; defaults to the input's (an MP3 input gives a 320 kbps MP3). */
  format?: 'wav' | 'flac' | 'mp3';
  /** WAV/FLAC sample format; default 24. 16-bit output is TPDF-dithered. */
  bitDepth?: 16 | 24 | '32f';
  onProgress?: (p: { phase: 'analyze' | 'render' | 'verify'; fraction: number }) => void;
  /** Include the per-second short-term series in both reports. */
  series?: boolean;
}

export interface NormalizeReport {
  /** Measurements of the input, including the flat true peak the plan was made from. */
  input: AnalysisResult;
  /** Measurements of the file as written (format = output container). */
  output: AnalysisResult;
  gainDb: number;
  limiter: LimiterStats;
  /** Render passes made (1 unless the first output missed its target or ceiling). */
  passes: number;
}

export const MAX_RENDER_PASSES = 3;

function checkOptions(opts: NormalizeOptions, format: AudioContainer): void {
  const bad = (msg: string): never => {
    throw new AudioError('invalid_argument', msg);
  };
  if (!Number.isFinite(opts.targetLufs) || opts.targetLufs < -70 || opts.targetLufs > 0) {
    bad(`target loudness must be between -70 and 0 LUFS, not ${opts.targetLufs}`);
  }
  if (!Number.isFinite(opts.truePeakDbtp) || opts.truePeakDbtp < -20 || opts.truePeakDbtp > 0) {
    bad(`true-peak ceiling must be between -20 and 0 dBTP, not ${opts.truePeakDbtp}`);
  }
  if (!['wav', 'flac', 'mp3'].includes(format)) bad(`unknown output format ${format}`);
  if (opts.bitDepth !== undefined && ![16, 24, '32f'].includes(opts.bitDepth)) bad(`bit depth must be 16, 24 or 32f`);
  if (format === 'flac' && opts.bitDepth === '32f') bad('FLAC stores 16 or 24 bits, not 32-bit float');
}

/**
 * Whether the rendered float signal can stand for the encoded file: true when encoding keeps it
 * to within 24-bit rounding. Dithered 16-bit and MP3 output are decoded and measured instead.
 */
export function renderMeasureIsExact(format: AudioContainer, bitDepth: 16 | 24 | '32f'): boolean {
  return format !== 'mp3' && bitDepth !== 16;
}

function fractionOf(decoder: { progress(): { bytesRead: number; totalBytes?: number } }): number {
  const { bytesRead, totalBytes } = decoder.progress();
  return totalBytes ? Math.min(1, bytesRead / totalBytes) : 0;
}

/** Releases a decoder that will not be read: its blocks iterator closes the source once started. */
async function closeDecoder(decoder: { blocks(): AsyncIterable<unknown> }): Promise<void> {
  const it = decoder.blocks()[Symbol.asyncIterator]();
  await it.next().catch(() => undefined);
  await it.return?.().catch(() => undefined);
}

function tempPathFor(outputPath: string): string {
  return join(dirname(outputPath), `.${basename(outputPath)}.${randomUUID().slice(0, 8)}.tmp`);
}

export async function normalizeFile(inputPath: string, outputPath: string, opts: NormalizeOptions): Promise<NormalizeReport> {
  const progress = opts.onProgress;
  const series = opts.series ?? false;
  if (opts.format) checkOptions(opts, opts.format);
  const decoder = await openAudioFile(inputPath);
  const format: AudioContainer = opts.format ?? decoder.info.format;
  try {
    checkOptions(opts, format);
  } catch (err) {
    await closeDecoder(decoder);
    throw err;
  }
  const bitDepth = opts.bitDepth ?? 24;
  const exact = renderMeasureIsExact(format, bitDepth);

  const phase = (name: 'analyze' | 'render' | 'verify') => progress && ((fraction: number) => progress({ phase: name, fraction }));
  // Rendering runs its encoder on a second thread whatever the load; the analysis of a long
  // input does the same rather than falling back to one thread when other work is running.
  const long = (decoder.info.frames ?? Infinity) > THREADED_MIN_SECONDS * decoder.info.sampleRate;
  const input = await analyzeAudio(decoder, {
    parallel: long || undefined,
    flatTruePeak: true,
    series,
    onProgress: phase('analyze'),
  });
  const inputFlatPeak = input.flatTruePeakDbtp ?? null;
  let plan: RenderPlan = planRender(
    { integratedLufs: input.integratedLufs, flatTruePeakDbtp: inputFlatPeak },
    opts.targetLufs,
    opts.truePeakDbtp,
    format,
  );

  const temps = new Set<string>();
  const done: PassResult[] = [];
  try {
    for (let pass = 1; ; pass++) {
      const temp = tempPathFor(outputPath);
      temps.add(temp);
      const rendered = await openRender(inputPath, temp, plan, { format, bitDepth });
      let measured;
      if (exact) {
        // Metering the rendered stream while it is encoded saves decoding the file again.
        measured = await measureRendered(rendered, plan, input, series, phase('render'));
      } else {
        for await (const _block of rendered.blocks()) phase('render')?.(fractionOf(rendered));
        const written = await openAudioFile(temp);
        measured = await analyzeAudio(written, { flatTruePeak: true, series, onProgress: phase('verify') });
      }
      const output: AnalysisResult = { ...measured, format };
      done.push({ plan, integratedLufs: output.integratedLufs, flatTruePeakDbtp: output.flatTruePeakDbtp ?? null });
      const next = correctPlan(done, {
        input: { integratedLufs: input.integratedLufs, flatTruePeakDbtp: inputFlatPeak },
        targetLufs: opts.targetLufs,
        ceilingDbtp: opts.truePeakDbtp,
        format,
      });
      if (next === null || pass === MAX_RENDER_PASSES) {
        await rename(temp, outputPath);
        temps.delete(temp);
        return { input, output, gainDb: plan.gainDb, limiter: rendered.limiterStats(), passes: pass };
      }
      await rm(temp, { force: true });
      temps.delete(temp);
      plan = next;
    }
  } finally {
    await Promise.all([...temps].map((t) => rm(t, { force: true }).catch(() => undefined)));
  }
}
