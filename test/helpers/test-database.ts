// Databases for integration tests. Embedded: one migrated PGlite per test process, cached on disk as a
// dump keyed by the migrations, and a clone() per app. Real Postgres (DATABASE_URL set): a fresh
// database per app, created from template0 with the extensions, dropped at the end.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import { createDatabase, openPglite, type Database } from '../../src/db/create-database.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { installJobSchema } from '../../src/jobs/index.ts';

const CACHE_DIR = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'backbeat-test');

let template: Promise<PGlite> | undefined;

async function buildTemplate(): Promise<PGlite> {
  const key = createHash('sha256')
    .update(listMigrations().map((m) => m.sql).join('\n'))
    .update(readFileSync(new URL('../../src/jobs/index.ts', import.meta.url)))
    .digest('hex')
    .slice(0, 16);
  const dumpPath = join(CACHE_DIR, `template-${key}.tar.gz`);
  if (existsSync(dumpPath)) {
    const blob = new Blob([readFileSync(dumpPath)]);
    return PGlite.create({ loadDataDir: blob, extensions: { vector } });
  }
  const lite = await openPglite();
  const database = await createDatabase({ pglite: lite });
  await migrate(database.pool);
  await installJobSchema(database);
  await database.close();
  const dump = await lite.dumpDataDir('gzip');
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${dumpPath}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, dumpPath);
  return lite;
}

export const usingRealPostgres = Boolean(process.env.DATABASE_URL);

/** A migrated, empty database of its own for one test app. */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `bb_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
    } finally {
      await admin.end();
    }
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const database = await createDatabase({ databaseUrl: dbUrl.toString(), maxConnections: 30 });
    await migrate(database.pool);
    const close = database.close;
    database.close = async () => {
      await close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await drop.end();
    };
    return database;
  }
  template ??= buildTemplate();
  const clone = await (await template).clone();
  return createDatabase({ pglite: clone, ownPglite: true });
}
