// Keyset pagination, newest first, over (created_at, id). The cursor carries the timestamp at the
// database's microsecond precision: a JavaScript Date keeps only milliseconds, and a cursor rounded
// to them skips rows created in the same millisecond.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { badRequest } from '../errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXACT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export interface Cursor {
  at: string;
  id: string;
}

/** The column's exact UTC text, to select alongside a page's rows (as `cursorAt`). */
export function exactTimestamp(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!at || !id || !EXACT.test(at) || !UUID.test(id)) throw badRequest('cursor', 'is not a valid cursor');
  return { at, id };
}

/** `(created_at, id) < (cursor)`: the rows after the cursor in newest-first order. */
export function olderThan(cursor: Cursor, createdAt: string, id: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(createdAt)}, ${sql.ref(id)}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

/** Cuts the one extra row a page query fetched into `nextCursor`. */
export function toPage<T extends { cursorAt: string; id: string }>(
  rows: T[],
  limit: number,
): { items: Omit<T, 'cursorAt'>[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null;
  return { items: page.map(({ cursorAt: _omit, ...item }) => item), nextCursor };
}
