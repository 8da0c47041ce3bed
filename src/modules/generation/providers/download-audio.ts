// Copies a provider's audio file to local disk: bounded in size (checked while streaming, not only by
// Content-Length) and in time, and refused unless its first bytes are WAV, FLAC or MP3 — a CDN error
// page saved as "song.mp3" must not become a take.
import { open, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newFileSink } from '../../../lib/file-sink.ts';
import { redactSecrets } from './call-provider.ts';

export type AudioFormat = 'wav' | 'flac' | 'mp3';

export interface DownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Scrubbed from error text (a URL may carry a token). */
  secrets?: (string | undefined)[];
}

export class DownloadError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'DownloadError';
  }
}

export function sniffAudioFormat(head: Buffer): AudioFormat | null {
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE') return 'wav';
  if (head.length >= 4 && head.toString('latin1', 0, 4) === 'fLaC') return 'flac';
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'ID3') return 'mp3';
  // An MPEG audio frame sync: 11 set bits, layer bits not 00.
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0) return 'mp3';
  return null;
}

/** Downloads `url` to `path`; returns the sniffed format and size. Removes the file on any failure. */
export async function downloadAudio(url: string, path: string, options: DownloadOptions): Promise<{ format: AudioFormat; bytes: number }> {
  const secrets = options.secrets ?? [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadError('audio URL is not a URL', false);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new DownloadError('audio URL must be http(s)', false);
  const signals = [AbortSignal.timeout(options.timeoutMs)];
  if (options.signal) signals.push(options.signal);
  const signal = AbortSignal.any(signals);
  const where = redactSecrets(`${parsed.host}${parsed.pathname}`, secrets);
  try {
    const response = await fetch(parsed, { headers: options.headers, signal, redirect: 'follow' });
    if (!response.ok || !response.body) {
      throw new DownloadError(`audio download from ${where} answered HTTP ${response.status}`, response.status >= 500 || response.status === 429 || response.status === 408);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body.cancel().catch(() => {});
      throw new DownloadError(`audio from ${where} is larger than ${options.maxBytes} bytes`, false);
    }
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > options.maxBytes) done(new DownloadError(`audio from ${where} is larger than ${options.maxBytes} bytes`, false));
        else done(null, chunk);
      },
    });
    const sink = newFileSink(path);
    try {
      await pipeline(Readable.fromWeb(response.body as any), limit, sink.stream, { signal });
    } finally {
      await sink.closed();
    }
    const head = Buffer.alloc(16);
    const file = await open(path, 'r');
    try {
      await file.read(head, 0, 16, 0);
    } finally {
      await file.close();
    }
    const format = sniffAudioFormat(head);
    if (!format) throw new DownloadError(`file from ${where} is not WAV, FLAC or MP3 audio`, false);
    return { format, bytes };
  } catch (err) {
    await rm(path, { force: true });
    if (err instanceof DownloadError) throw err;
    const name = (err as Error).name;
    const reason = name === 'TimeoutError' || name === 'AbortError' ? 'timed out or was cancelled' : redactSecrets((err as Error).message, secrets);
    throw new DownloadError(`audio download from ${where} failed: ${reason}`, true);
  }
}
