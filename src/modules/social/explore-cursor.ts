// The "most liked" feed's cursor: keyset over (like_count, created_at, id), the timestamp kept at
// the database's microsecond precision as in lib/cursor.ts.
import { badRequest } from '../../errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXACT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export interface LikedCursor {
  likes: number;
  at: string;
  id: string;
}

export function encodeLikedCursor(cursor: LikedCursor): string {
  return Buffer.from(`${cursor.likes}|${cursor.at}|${cursor.id}`).toString('base64url');
}

export function decodeLikedCursor(raw: string): LikedCursor {
  const [likes, at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!likes || !/^\d{1,9}$/.test(likes) || !at || !EXACT.test(at) || !id || !UUID.test(id)) {
    throw badRequest('cursor', 'is not a valid cursor');
  }
  return { likes: Number(likes), at, id };
}
