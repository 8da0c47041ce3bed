import type { Database } from '../db/create-database.ts';
import { PgBoss } from 'pg-boss';
import { bossOptions, DEFAULT_TIMING } from './boss-options.ts';

/** Installs or migrates pg-boss's schema through the app pool, then lets go (nothing keeps running). */
export async function installJobSchema(database: Database): Promise<void> {
  const boss = new PgBoss(bossOptions(database, DEFAULT_TIMING, false));
  boss.on('error', () => {});
  await boss.start();
  await boss.stop({ graceful: false, close: false });
}
