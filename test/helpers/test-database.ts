// Databases for integration tests. Embedded: a migrated PGlite template cached on disk as a dump keyed
// by the migrations and the pg-boss version, loaded afresh for each app. Real Postgres (DATABASE_URL set): a fresh
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

// The migrated template as a data-dir dump. Only the dump is kept: a PGlite instance loaded from a dump
// and left open keeps the process alive after the tests end.
let template: Promise<Blob> | undefined;

async function buildTemplate(): Promise<Blob> {
  const key = createHash('sha256')
    .update(listMigrations().map((m) => m.sql).join('\n'))
    // pg-boss's schema is part of the template: a new pg-boss version must rebuild it.
    .update(readFileSync(new URL('../../node_modules/pg-boss/package.json', import.meta.url)))
    .digest('hex')
    .slice(0, 16);
  const dumpPath = join(CACHE_DIR, `template-${key}.tar.gz`);
  if (existsSync(dumpPath)) return new Blob([readFileSync(dumpPath)]);
  const lite = await openPglite();
  const database = await createDatabase({ pglite: lite });
  await migrate(database.pool);
  await installJobSchema(database);
  await database.close();
  const dump = await lite.dumpDataDir('gzip');
  await lite.close();
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${dumpPath}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, dumpPath);
  return dump;
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
  const clone = await PGlite.create({ loadDataDir: await template, extensions: { vector } });
  return createDatabase({ pglite: clone, ownPglite: true });
}
