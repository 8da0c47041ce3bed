// Builds the application context from config: the one database pool, migrations, storage driver,
// mail transport and job queue. Adapters are chosen here and nowhere else.
import type { Logger } from 'pino';
import type { AppContext } from './app-context.ts';
import type { Config } from './config.ts';
import { createDatabase, type Database } from './db/create-database.ts';
import { migrate } from './db/migrate.ts';
import { createJobQueue } from './jobs/index.ts';
import { createMailer } from './mail/mailer.ts';
import { createMailTransport } from './mail/transports/index.ts';
import { registerProviderEngines } from './modules/generation/providers/register-provider-engines.ts';
import { createStorage, deriveStorageSigningSecret, type Storage } from './storage/index.ts';

export function storageFromConfig(config: Config): Storage {
  const signingSecret = deriveStorageSigningSecret(config.jwt.secret);
  const publicBaseUrl = config.publicUrl;
  return config.storage.driver === 'local'
    ? createStorage({ driver: 'local', root: config.storage.root, publicBaseUrl, signingSecret })
    : createStorage({ ...config.storage, publicBaseUrl, signingSecret });
}

export interface CreateContextOptions {
  /** Use this database instead of opening one from config (tests). */
  database?: Database;
}

export async function createContext(config: Config, log: Logger, options: CreateContextOptions = {}): Promise<AppContext> {
  const database =
    options.database ?? (await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    await migrate(database.pool);
    registerProviderEngines(config);
    const storage = storageFromConfig(config);
    const transport = createMailTransport({ smtpUrl: config.mail.smtpUrl, log: (line) => log.info(line) });
    const jobs = await createJobQueue({ database, log });
    const mail = createMailer({ database, transport, from: config.mail.from, jobs, log });
    return { config, database, storage, mail, jobs, log };
  } catch (err) {
    if (!options.database) await database.close();
    throw err;
  }
}

/** Stops workers and closes the pool; safe to call twice. */
export async function closeContext(ctx: AppContext): Promise<void> {
  await ctx.jobs.stop();
  await ctx.database.close();
}
