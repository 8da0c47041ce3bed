// Reads a multipart upload for the loudness service. The file is streamed into storage as it
// arrives (never buffered or spooled), after its first bytes proved it is audio. Fields may come
// before or after the file: those sent first are checked before a byte is stored (so a refusal is
// cheap), those sent after are checked once it is stored, and a refusal then deletes it.
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app-context.ts';
import { detectAudioFormat } from '../../../audio/decode/index.ts';
import { AppError, badRequest } from '../../../errors.ts';
import { AUDIO_MIME, precheckUpload, type OutputFormat, type StoredUpload, type TargetRequest } from '../../../modules/loudness/index.ts';
import { peekStream } from '../../../lib/peek-stream.ts';
import { isStorageError, makeObjectKey, sanitizeFileName } from '../../../storage/index.ts';

// Room for the multipart boundaries, part headers and text fields around the file itself.
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const SNIFF_BYTES = 4096;
const FIELDS = ['presetId', 'targetLufs', 'truePeak', 'outputFormat'] as const;
type FieldName = (typeof FIELDS)[number];

export interface LoudnessUploadFields extends TargetRequest {
  outputFormat?: OutputFormat;
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `file: must be at most ${maxBytes} bytes`, { field: 'file', maxBytes });
}

function isSizeLimitError(err: unknown): boolean {
  const e = err as { code?: string; statusCode?: number } | null;
  return isStorageError(err, 'too_large') || e?.code === 'FST_REQ_FILE_TOO_LARGE' || e?.statusCode === 413;
}

function numberField(name: FieldName, raw: string, min: number, max: number): number {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value)) throw badRequest(name, 'must be a number');
  if (value < min || value > max) throw badRequest(name, `must be between ${min} and ${max}`);
  return value;
}

/** Validates the text fields (all optional here; which combinations are allowed is the service's rule). */
export function parseUploadFields(raw: Map<string, string>): LoudnessUploadFields {
  const fields: LoudnessUploadFields = {};
  for (const [name, value] of raw) {
    if (!(FIELDS as readonly string[]).includes(name)) throw badRequest(name, 'is not a known field');
    if (name === 'presetId') {
      if (value.trim() === '' || value.length > 64) throw badRequest('presetId', 'must be a preset id or slug');
      fields.presetId = value.trim();
    } else if (name === 'targetLufs') fields.targetLufs = numberField('targetLufs', value, -70, 0);
    else if (name === 'truePeak') fields.truePeak = numberField('truePeak', value, -20, 0);
    else if (name === 'outputFormat') {
      if (value !== 'wav' && value !== 'flac' && value !== 'mp3') throw badRequest('outputFormat', 'must be wav, flac or mp3');
      fields.outputFormat = value;
    }
  }
  return fields;
}

/** The file part's bytes; a part the parser cut short at its limit is refused, never stored. */
async function* fileBytes(part: MultipartFile, maxBytes: number): AsyncGenerator<Uint8Array> {
  for await (const chunk of part.file) yield chunk as Uint8Array;
  if (part.file.truncated) throw tooLarge(maxBytes);
}

async function storeFile(ctx: AppContext, userId: string, part: MultipartFile, maxBytes: number): Promise<StoredUpload> {
  const { head, body, discard } = await peekStream(fileBytes(part, maxBytes), SNIFF_BYTES);
  const format = detectAudioFormat(head);
  if (!format) {
    await discard();
    if (head.length === 0) throw badRequest('file', 'must not be empty');
    throw new AppError('unsupported_media_type', 'file: must be a WAV, FLAC or MP3 audio file (judged by its content, not its name)', {
      field: 'file',
      accepted: ['audio/wav', 'audio/flac', 'audio/mpeg'],
    });
  }
  const key = makeObjectKey('uploads', userId, format);
  try {
    const info = await ctx.storage.put(key, body, { contentType: AUDIO_MIME[format], maxBytes });
    return { key, format, sizeBytes: info.size, originalName: part.filename ? sanitizeFileName(part.filename) : null };
  } catch (err) {
    if (isSizeLimitError(err)) throw tooLarge(maxBytes);
    throw err;
  }
}

/**
 * Streams the request's parts: text fields into a map, the `file` part into storage. Returns the
 * stored upload and the fields; on any refusal nothing stays stored.
 */
export async function readLoudnessUpload(
  ctx: AppContext,
  request: FastifyRequest,
  userId: string,
): Promise<{ upload: StoredUpload; fields: LoudnessUploadFields }> {
  const maxBytes = ctx.config.loudness.maxUploadBytes;
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media_type', 'Send multipart/form-data with a "file" part and presetId or targetLufs');
  }
  const length = Number(request.headers['content-length']);
  if (Number.isFinite(length) && length > maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(maxBytes);

  const raw = new Map<string, string>();
  let upload: StoredUpload | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes + 1, files: 1 } })) {
      if (part.type === 'field') {
        if (raw.has(part.fieldname)) throw badRequest(part.fieldname, 'is given more than once');
        raw.set(part.fieldname, String(part.value));
        continue;
      }
      if (part.fieldname !== 'file') throw badRequest(part.fieldname, 'is not a known field (the audio goes in "file")');
      await precheckUpload(ctx, { userId, target: parseUploadFields(raw) });
      upload = await storeFile(ctx, userId, part, maxBytes);
    }
    if (!upload) throw badRequest('file', 'is required (a multipart part named "file")');
    return { upload, fields: parseUploadFields(raw) };
  } catch (err) {
    if (upload) await ctx.storage.delete(upload.key).catch(() => undefined);
    throw err;
  }
}

/**
 * A refused upload may still be arriving. Reading and dropping the rest lets the client finish
 * sending and read the error (closing instead makes most clients report a broken pipe).
 */
export function discardRest(request: FastifyRequest): void {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed) return;
  raw.unpipe();
  raw.resume();
}
