// `backbeat loudness analyze|normalize`: EBU R128 measurement and true-peak-safe normalization
// of WAV, FLAC and MP3 files. Exit codes: 0 success, 2 bad input or arguments, 1 anything else.

import { extname } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { openAudioFile } from '../audio/decode/index.ts';
import { analyzeAudio } from '../audio/loudness/analyze.ts';
import { normalizeFile, type AnalysisReport, type NormalizeReport } from '../audio/normalize/index.ts';
import { getPreset, listPresets } from '../audio/presets.ts';
import { AudioError } from '../audio/types.ts';

const EXIT_BAD_INPUT = 2;
const EXIT_FAILURE = 1;
const FILE_ERRORS = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES', 'EPERM']);

/** The fields both commands print for a measured file, in a stable order. */
export function analysisJson(r: AnalysisReport, series = false): Record<string, unknown> {
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  const out: Record<string, unknown> = {
    integratedLufs: round(r.integratedLufs),
    loudnessRangeLu: round(r.loudnessRangeLu),
    truePeakDbtp: round(r.truePeakDbtp),
    samplePeakDbfs: round(r.samplePeakDbfs),
    maxMomentaryLufs: round(r.maxMomentaryLufs),
    maxShortTermLufs: round(r.maxShortTermLufs),
    durationSeconds: round(r.durationSeconds),
    sampleRate: r.sampleRate,
    channels: r.channels,
    format: r.format,
  };
  if (series) out.series = (r.shortTermSeries ?? []).map(round);
  return out;
}

export function normalizeJson(r: NormalizeReport): Record<string, unknown> {
  return {
    input: analysisJson(r.input),
    output: analysisJson(r.output),
    gainDb: Math.round(r.gainDb * 1000) / 1000,
    limiter: { engaged: r.limiter.engaged, maxReductionDb: Math.round(r.limiter.maxReductionDb * 1000) / 1000 },
  };
}

function fmt(x: number | null, unit: string, signed = false): string {
  if (x === null) return '—';
  return `${signed && x > 0 ? '+' : ''}${x.toFixed(1)} ${unit}`;
}

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}:${(seconds - 60 * m).toFixed(1).padStart(4, '0')}`;
}

const ROWS: [string, (r: AnalysisReport) => string][] = [
  ['Format', (r) => `${r.format}, ${r.sampleRate} Hz, ${r.channels} ch`],
  ['Duration', (r) => duration(r.durationSeconds)],
  ['Integrated', (r) => fmt(r.integratedLufs, 'LUFS')],
  ['Loudness range', (r) => fmt(r.loudnessRangeLu, 'LU')],
  ['True peak', (r) => fmt(r.truePeakDbtp, 'dBTP')],
  ['Sample peak', (r) => fmt(r.samplePeakDbfs, 'dBFS')],
  ['Max momentary', (r) => fmt(r.maxMomentaryLufs, 'LUFS')],
  ['Max short-term', (r) => fmt(r.maxShortTermLufs, 'LUFS')],
];

export function analysisTable(r: AnalysisReport, series = false): string {
  const lines = ROWS.map(([label, value]) => `${label.padEnd(16)}${value(r)}`);
  if (series) {
    const values = (r.shortTermSeries ?? []).map((v) => (v === null ? '—' : v.toFixed(1)).padStart(6));
    lines.push('Short-term loudness, LUFS, one value per second:');
    for (let i = 0; i < values.length; i += 10) lines.push(`${String(i).padStart(5)}s ${values.slice(i, i + 10).join('')}`);
  }
  return lines.join('\n');
}

export function normalizeTable(r: NormalizeReport): string {
  const lines = [`${''.padEnd(16)}${'input'.padEnd(22)}output`];
  for (const [label, value] of ROWS) lines.push(`${label.padEnd(16)}${value(r.input).padEnd(22)}${value(r.output)}`);
  const limiter = r.limiter.engaged ? `engaged, max reduction ${r.limiter.maxReductionDb.toFixed(1)} dB` : 'not needed';
  lines.push('', `Gain ${fmt(r.gainDb, 'dB', true)}; limiter ${limiter}; render passes ${r.passes}`);
  return lines.join('\n');
}

/** A one-line bar redrawn on stderr (only when stderr is a terminal). */
function progressBar(): { update(label: string, fraction: number): void; done(): void } {
  if (!process.stderr.isTTY) return { update() {}, done() {} };
  let last = 0;
  let drawn = false;
  return {
    update(label, fraction) {
      const now = Date.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      const width = 30;
      const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
      const pct = String(Math.round(fraction * 100)).padStart(3);
      process.stderr.write(`\r${label.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}%`);
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}

function isBadInput(err: unknown): boolean {
  if (err instanceof AudioError || err instanceof InvalidArgumentError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FILE_ERRORS.has(code);
}

/** Runs a command body, turning failures into a one-line message and the documented exit code. */
async function runAction(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`backbeat loudness: ${message}\n`);
    process.exitCode = isBadInput(err) ? EXIT_BAD_INPUT : EXIT_FAILURE;
  }
}

function parseNumber(what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`${what} must be a number.`);
    return n;
  };
}

function parseBitDepth(value: string): 16 | 24 | '32f' {
  if (value === '16') return 16;
  if (value === '24') return 24;
  if (value === '32f' || value === '32') return '32f';
  throw new InvalidArgumentError('use 16, 24 or 32f.');
}

function parseFormat(value: string): 'wav' | 'flac' | 'mp3' {
  const v = value.toLowerCase();
  if (v === 'wav' || v === 'flac' || v === 'mp3') return v;
  throw new InvalidArgumentError('use wav, flac or mp3.');
}

/** Argument errors exit 2 like other bad input; help and version still exit 0. */
function exitOnParseError(err: CommanderError): never {
  process.exit(err.exitCode === 0 ? 0 : EXIT_BAD_INPUT);
}

interface NormalizeFlags {
  preset?: string;
  target?: number;
  truePeak?: number;
  format?: 'wav' | 'flac' | 'mp3';
  bitDepth?: 16 | 24 | '32f';
  json?: boolean;
}

/** Target and ceiling from --preset / --target / --true-peak (default preset: spotify). */
export function resolveTarget(flags: NormalizeFlags): { targetLufs: number; truePeakDbtp: number } {
  if (flags.preset !== undefined && flags.target !== undefined) {
    throw new InvalidArgumentError('give either --preset or --target, not both.');
  }
  let targetLufs = flags.target;
  let truePeakDbtp = -1;
  if (targetLufs === undefined) {
    const name = flags.preset ?? 'spotify';
    const preset = getPreset(name);
    if (!preset) {
      throw new InvalidArgumentError(`unknown preset "${name}" (known: ${listPresets().map((p) => p.name).join(', ')}).`);
    }
    targetLufs = preset.targetLufs;
    truePeakDbtp = preset.truePeakDbtp;
  }
  return { targetLufs, truePeakDbtp: flags.truePeak ?? truePeakDbtp };
}

/** --format, else the output file's extension, else undefined (the input's own format). */
export function resolveFormat(flag: NormalizeFlags['format'], outputPath: string): 'wav' | 'flac' | 'mp3' | undefined {
  if (flag) return flag;
  const ext = extname(outputPath).slice(1).toLowerCase();
  return ext === 'wav' || ext === 'flac' || ext === 'mp3' ? ext : undefined;
}

const ANALYZE_HELP = `
Numbers: integrated loudness (LUFS, whole file, gated), loudness range (LU), true peak
(dBTP, 4x oversampled as in ITU-R BS.1770), sample peak (dBFS), max momentary (400 ms) and
max short-term (3 s) loudness. Silence reports loudness as null.

Examples:
  $ backbeat loudness analyze song.wav
  $ backbeat loudness analyze mix.flac --json
  $ backbeat loudness analyze podcast.mp3 --json --series`;

function normalizeHelp(): string {
  const presets = listPresets()
    .map((p) => `  ${p.name.padEnd(10)}${String(p.targetLufs).padStart(4)} LUFS ${String(p.truePeakDbtp).padStart(5)} dBTP  ${p.displayName}`)
    .join('\n');
  return `
Applies one static gain to reach the target; when that gain would push the true peak past the
ceiling, a transparent look-ahead true-peak limiter handles only those overs. The written file
is measured again and corrected if it missed (at most 3 passes). Sample rate and channels are
kept; WAV/FLAC default to 24-bit, 16-bit output is TPDF-dithered, MP3 is 320 kbps CBR.

Presets:
${presets}

Examples:
  $ backbeat loudness normalize song.wav song-spotify.wav
  $ backbeat loudness normalize mix.flac mix-apple.flac --preset apple
  $ backbeat loudness normalize take.wav broadcast.wav --target -23 --true-peak -2 --bit-depth 16
  $ backbeat loudness normalize master.wav master.mp3 --preset club --json`;
}

export function registerLoudnessCommands(program: Command): Command {
  const loudness = program
    .command('loudness')
    .description('measure and normalize loudness (EBU R128 / ITU-R BS.1770)')
    .exitOverride(exitOnParseError);

  loudness
    .command('analyze')
    .description('measure integrated loudness, loudness range and peaks of a WAV, FLAC or MP3 file')
    .argument('<file>', 'audio file to measure')
    .option('--json', 'print one JSON object on stdout')
    .option('--series', 'include short-term loudness for every second')
    .addHelpText('after', ANALYZE_HELP)
    .exitOverride(exitOnParseError)
    .action((file: string, flags: { json?: boolean; series?: boolean }) =>
      runAction(async () => {
        const bar = progressBar();
        const decoder = await openAudioFile(file);
        let report: AnalysisReport;
        try {
          report = await analyzeAudio(decoder, {
            series: flags.series,
            onProgress: (fraction: number) => bar.update('analyze', fraction),
          });
        } finally {
          bar.done();
        }
        const text = flags.json ? JSON.stringify(analysisJson(report, flags.series)) : analysisTable(report, flags.series);
        process.stdout.write(`${text}\n`);
      }),
    );

  loudness
    .command('normalize')
    .description('normalize a file to a loudness target under a true-peak ceiling')
    .argument('<in>', 'audio file to read')
    .argument('<out>', 'file to write (replaced atomically when done)')
    .option('--preset <name>', 'target preset (default: spotify)')
    .option('--target <lufs>', 'integrated loudness target in LUFS', parseNumber('--target'))
    .option('--true-peak <dbtp>', "true-peak ceiling in dBTP (overrides the preset's)", parseNumber('--true-peak'))
    .option('--format <format>', 'wav, flac or mp3 (default: from the output extension, else the input)', parseFormat)
    .option('--bit-depth <bits>', '16, 24 or 32f for WAV/FLAC (default 24)', parseBitDepth)
    .option('--json', 'print one JSON object on stdout')
    .addHelpText('after', normalizeHelp())
    .exitOverride(exitOnParseError)
    .action((input: string, output: string, flags: NormalizeFlags) =>
      runAction(async () => {
        const { targetLufs, truePeakDbtp } = resolveTarget(flags);
        const bar = progressBar();
        let report: NormalizeReport;
        try {
          report = await normalizeFile(input, output, {
            targetLufs,
            truePeakDbtp,
            format: resolveFormat(flags.format, output),
            bitDepth: flags.bitDepth,
            onProgress: (p) => bar.update(p.phase, p.fraction),
          });
        } finally {
          bar.done();
        }
        process.stdout.write(`${flags.json ? JSON.stringify(normalizeJson(report)) : normalizeTable(report)}\n`);
      }),
    );

  return loudness;
}
