// The `backbeat` command line. Each command loads only what it needs, so `backbeat loudness …` starts
// without touching a database.
import { Command, InvalidArgumentError } from 'commander';
import { AppError } from '../errors.ts';
import { registerLoudnessCommands } from './loudness.ts';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

/** Prints a one-line error and exits: 2 for bad input, 1 for anything else. */
function fail(err: unknown): never {
  const e = err as Error & { code?: string };
  const message = e?.message ?? String(err);
  process.stderr.write(`backbeat: ${message}\n`);
  const badInput = err instanceof AppError && err.status < 500;
  process.exit(badInput || e?.name === 'DataDirLockedError' || e?.name === 'ConfigError' ? 2 : 1);
}

const program = new Command()
  .name('backbeat')
  .description('Backbeat: a self-hostable platform for AI-music products')
  .version('0.1.0')
  .showHelpAfterError('(add --help for usage)');

program
  .command('serve')
  .description('Run the HTTP API (and, unless --no-workers, the background workers) in one process')
  .option('-p, --port <port>', 'port to listen on (env PORT, default 8787)', port)
  .option('-d, --data-dir <dir>', 'embedded database and files directory (env DATA_DIR, default ./data)')
  .option('--no-workers', 'serve the API only; run `backbeat worker` elsewhere to process jobs')
  .addHelpText('after', '\nExamples:\n  backbeat serve\n  backbeat serve --port 9000 --data-dir /var/lib/backbeat\n  DATABASE_URL=postgres://… backbeat serve --no-workers')
  .action(async (opts: { port?: number; dataDir?: string; workers: boolean }) => {
    try {
      const { loadConfig } = await import('../config.ts');
      const { serve } = await import('../server.ts');
      await serve(loadConfig(process.env, { port: opts.port, dataDir: opts.dataDir, workers: opts.workers }));
    } catch (err) {
      fail(err);
    }
  });

program
  .command('worker')
  .description('Run background workers only (needs DATABASE_URL; several may run on other machines)')
  .addHelpText('after', '\nExample:\n  DATABASE_URL=postgres://user@db/backbeat JWT_SECRET=… backbeat worker')
  .action(async () => {
    try {
      if (!process.env.DATABASE_URL) {
        throw new AppError('validation_failed', 'DATABASE_URL is required: in embedded mode `backbeat serve` already runs the workers');
      }
      const { loadConfig } = await import('../config.ts');
      const { runWorker } = await import('../server.ts');
      await runWorker(loadConfig());
    } catch (err) {
      fail(err);
    }
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit (serve also does this at start)')
  .option('-d, --data-dir <dir>', 'embedded data directory (env DATA_DIR, default ./data)')
  .action(async (opts: { dataDir?: string }) => {
    try {
      const { loadConfig } = await import('../config.ts');
      const { createDatabase } = await import('../db/create-database.ts');
      const { migrate } = await import('../db/migrate.ts');
      const config = loadConfig(process.env, { dataDir: opts.dataDir });
      const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrate(database.pool);
        process.stdout.write(applied.length ? `applied migrations: ${applied.join(', ')}\n` : 'database is up to date\n');
      } finally {
        await database.close();
      }
    } catch (err) {
      fail(err);
    }
  });

const admin = program.command('admin').description('Administrative tasks');
admin
  .command('create-user')
  .description('Create a user (confirmed email), e.g. the first admin')
  .requiredOption('--email <email>', 'email address')
  .requiredOption('--password <password>', 'password (8-128 characters)')
  .option('--role <role>', 'user or admin', 'user')
  .option('-d, --data-dir <dir>', 'embedded data directory (env DATA_DIR, default ./data)')
  .addHelpText('after', '\nExample:\n  backbeat admin create-user --email admin@example.com --password "a long passphrase" --role admin')
  .action(async (opts: { email: string; password: string; role: string; dataDir?: string }) => {
    try {
      if (opts.role !== 'user' && opts.role !== 'admin') {
        throw new AppError('validation_failed', 'role: must be "user" or "admin"');
      }
      const { loadConfig } = await import('../config.ts');
      const { createLogger } = await import('../logger.ts');
      const { closeContext, createContext } = await import('../create-context.ts');
      const { createUser } = await import('../modules/auth/create-user.ts');
      const config = loadConfig(process.env, { dataDir: opts.dataDir });
      const ctx = await createContext(config, createLogger('warn'));
      try {
        const user = await createUser(ctx, { email: opts.email, password: opts.password, role: opts.role, confirmed: true });
        process.stdout.write(`created ${user.role} ${user.email} (${user.id})\n`);
      } finally {
        await closeContext(ctx);
      }
    } catch (err) {
      fail(err);
    }
  });

registerLoudnessCommands(program);

await program.parseAsync(process.argv);
