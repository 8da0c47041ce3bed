// Everything a route or service may use, built once at startup (src/server.ts) from config. Adapters
// (storage driver, mail transport) are chosen there and nowhere else.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/create-database.ts';
import type { JobQueue } from './jobs/index.ts';
import type { Mailer } from './mail/mailer.ts';
import type { Storage } from './storage/index.ts';

export interface AppContext {
  config: Config;
  database: Database;
  storage: Storage;
  mail: Mailer;
  jobs: JobQueue;
  log: Logger;
}
