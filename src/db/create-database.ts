// The one pool every database call goes through: pg.Pool on real Postgres, or pg.Pool over PGlite's
// node-postgres shim in embedded mode, with Kysely on top. Nothing else talks to PGlite directly, so
// a write can never land inside someone else's open transaction.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './embedded-lock.ts';
import type { DB } from './schema.ts';

export interface Database {
  kind: 'postgres' | 'pglite';
  pool: pg.Pool;
  db: Kysely<DB>;
  /** The PGlite instance, for clone() in tests only. Queries must go through `pool`. */
  pglite?: PGlite;
  close(): Promise<void>;
}

// Timestamps come back as Date, bigint counts as numbers (they stay far below 2^53 here).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** An existing PGlite (a test template's clone); the caller owns it unless `ownPglite`. */
  pglite?: PGlite;
  ownPglite?: boolean;
  maxConnections?: number;
}

function wrap(kind: Database['kind'], pool: pg.Pool, onClose: () => Promise<void>, pglite?: PGlite): Database {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    kind,
    pool,
    db,
    pglite,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await onClose();
    },
  };
}

export async function openPglite(dataDir?: string): Promise<PGlite> {
  return PGlite.create({ dataDir: dataDir ?? 'memory://', extensions: { vector } });
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 20,
      connectionTimeoutMillis: 10_000,
    });
    pool.on('error', () => {}); // an idle client's network error must not crash the process
    return wrap('postgres', pool, async () => {});
  }

  let release = () => {};
  let pglite = options.pglite;
  if (!pglite) {
    if (!options.dataDir) throw new Error('dataDir is required in embedded mode');
    const dir = join(options.dataDir, 'db');
    mkdirSync(dir, { recursive: true });
    release = lockDataDir(options.dataDir);
    try {
      pglite = await openPglite(dir);
    } catch (err) {
      release();
      throw err;
    }
  }
  const own = !options.pglite || options.ownPglite;
  // One session: a second checkout waits, so time out instead of hanging when code nests pool use
  // inside a transaction (rule 2 of the architecture).
  const pool = new pg.Pool({ ...(createPgConfig(pglite) as object), max: 1, connectionTimeoutMillis: 30_000 });
  const lite = pglite;
  return wrap(
    'pglite',
    pool,
    async () => {
      // Kysely ends the pool on destroy() once it has run a query; end it here only if it has not.
      if (!pool.ended) await pool.end();
      if (own) await lite.close();
      release();
    },
    lite,
  );
}
