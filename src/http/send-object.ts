// Streams a stored object as an HTTP response: whole (200), one byte range (206), or 416 for a range
// past the end, with validators so browsers and media players can revalidate and seek. Stored objects
// never change under a key (keys are generated per upload), which makes the ETag strong and cheap.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError, notFound } from '../errors.ts';
import { isStorageError, parseRangeHeader, type ObjectInfo, type Storage } from '../storage/index.ts';

const Bytes = z.string().meta({ format: 'binary' });
const binary = (description: string) => ({ description, content: { 'application/octet-stream': { schema: Bytes } } });

/** Response declarations for routes that answer with `sendObject` (documentation only: streams are not serialized). */
export const OBJECT_RESPONSES = {
  200: binary('The whole object; Content-Type is the stored type'),
  206: binary('The requested byte range (Content-Range says which)'),
  304: z.null().describe('Not modified (If-None-Match matched)'),
};

export interface SendObjectOptions {
  /** The request's `Range` header. */
  rangeHeader?: string;
  /** A full `Content-Disposition` value (see storage's `contentDisposition`). */
  disposition?: string;
  cacheControl?: string;
}

export function objectEtag(info: Pick<ObjectInfo, 'size' | 'lastModified'>): string {
  return `"${info.size.toString(16)}-${info.lastModified.getTime().toString(16)}"`;
}

function matchesAny(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

function header(reply: FastifyReply, name: string): string | undefined {
  const value = reply.request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Besides `rangeHeader`, reads the request's conditional headers itself: `If-None-Match` (a match
 * answers 304) and `If-Range` (a range is honoured only while the object still matches it).
 */
export async function sendObject(
  reply: FastifyReply,
  storage: Storage,
  key: string,
  options: SendObjectOptions = {},
): Promise<FastifyReply> {
  let info: ObjectInfo | null;
  try {
    info = await storage.head(key);
  } catch (err) {
    if (isStorageError(err, 'invalid_key')) throw notFound('Object');
    throw err;
  }
  if (!info) throw notFound('Object');

  const etag = objectEtag(info);
  const headers: Record<string, string> = {
    'accept-ranges': 'bytes',
    etag,
    'last-modified': info.lastModified.toUTCString(),
    'x-content-type-options': 'nosniff',
    // If a stored object were ever rendered as a document, it could run nothing and reach nothing.
    'content-security-policy': "default-src 'none'; sandbox",
  };
  if (options.cacheControl) headers['cache-control'] = options.cacheControl;
  if (options.disposition) headers['content-disposition'] = options.disposition;

  const ifNoneMatch = header(reply, 'if-none-match');
  if (ifNoneMatch && matchesAny(ifNoneMatch, etag)) {
    return reply.status(304).headers(headers).send();
  }

  // A stale If-Range (or a date, which a strong validator supersedes) means "send it all".
  const ifRange = header(reply, 'if-range');
  const rangeAllowed = ifRange === undefined || ifRange.trim() === etag;
  const range = rangeAllowed ? parseRangeHeader(options.rangeHeader, info.size) : null;
  if (range === 'unsatisfiable') {
    throw new AppError('range_not_satisfiable', 'Range not satisfiable', { size: info.size }, {
      ...headers,
      'content-range': `bytes */${info.size}`,
    });
  }

  if (reply.request.method === 'HEAD') {
    // Headers only: don't open (or, on S3, start downloading) a body nobody will read. An empty stream,
    // because Fastify's HEAD handling keeps our Content-Length for streams but zeroes it for no body.
    headers['content-type'] = info.contentType;
    if (range) {
      headers['content-range'] = `bytes ${range.start}-${range.end}/${info.size}`;
      headers['content-length'] = String(range.end - range.start + 1);
      return reply.status(206).headers(headers).send(Readable.from([]));
    }
    headers['content-length'] = String(info.size);
    return reply.status(200).headers(headers).send(Readable.from([]));
  }

  let result;
  try {
    result = await storage.get(key, range ?? undefined);
  } catch (err) {
    // Deleted between head and get.
    if (isStorageError(err, 'not_found')) throw notFound('Object');
    throw err;
  }
  const { body, info: current } = result;
  headers['content-type'] = current.contentType;
  if (result.range) {
    const { start, end } = result.range;
    headers['content-range'] = `bytes ${start}-${end}/${current.size}`;
    headers['content-length'] = String(end - start + 1);
    return reply.status(206).headers(headers).send(body);
  }
  headers['content-length'] = String(current.size);
  return reply.status(200).headers(headers).send(body);
}
