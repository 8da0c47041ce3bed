// pg-boss runs every statement through these adapters, never through a connection of its own: on
// PGlite there is one session, and a statement issued outside the pool would land inside whatever
// transaction is open there.
import type pg from 'pg';
import { fromKysely } from 'pg-boss';
import type { Executor } from './types.ts';

export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/** Each statement checks a connection out of the app pool and returns it at once (no LISTEN, no held session). */
export function poolDb(pool: pg.Pool): BossDb {
  return {
    async executeSql(text, values) {
      const result = await pool.query(text, values as unknown[] | undefined);
      // A multi-statement text (migrations) answers with an array of results.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: last?.rows ?? [] };
    },
  };
}

/** Runs pg-boss's statements on the caller's Kysely instance or transaction. */
export function executorDb(executor: Executor): BossDb {
  return fromKysely(executor);
}
