// The one place configuration is read. Every value comes from an environment variable with a default
// suited to the embedded mode, so `npm start` works with nothing set.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  publicUrl: string;
  databaseUrl?: string;
  logLevel: string;
  workers: boolean;
  corsOrigins: string[] | true;
  bodyLimitBytes: number;
  jwt: { secret: string; issuer: string; audience: string; accessTtlSeconds: number; refreshTtlSeconds: number };
  auth: {
    requireEmailConfirmation: boolean;
    loginAttemptsPerAccountPerHour: number;
    loginAttemptsPerIpPerHour: number;
    emailTokenTtlSeconds: number;
  };
  storage:
    | { driver: 'local'; root: string }
    | {
        driver: 's3';
        endpoint?: string;
        bucket: string;
        region: string;
        accessKeyId?: string;
        secretAccessKey?: string;
        forcePathStyle: boolean;
      };
  avatarMaxBytes: number;
  mail: { smtpUrl?: string; from: string };
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

/**
 * The signing secret: from JWT_SECRET, else generated once and kept in the data dir so tokens survive
 * restarts in embedded mode. Scale mode must set it (all instances have to agree).
 */
function jwtSecret(env: Env, dataDir: string, scale: boolean): string {
  const fromEnv = env.JWT_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
    return fromEnv;
  }
  if (scale) throw new ConfigError('JWT_SECRET is required when DATABASE_URL is set (every instance must share it)');
  const path = join(dataDir, 'secret.key');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(path, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

export function loadConfig(env: Env = process.env, overrides: { port?: number; dataDir?: string; workers?: boolean } = {}): Config {
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR ?? './data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const port = overrides.port ?? int(env, 'PORT', 8787, 0);
  const host = env.HOST ?? '0.0.0.0';
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const s3Bucket = env.S3_BUCKET;
  const cors = env.CORS_ORIGINS?.trim();
  return {
    host,
    port,
    dataDir,
    publicUrl,
    databaseUrl,
    logLevel: env.LOG_LEVEL ?? 'info',
    workers: overrides.workers ?? bool(env, 'WORKERS', true),
    corsOrigins: !cors || cors === '*' ? true : cors.split(',').map((o) => o.trim()).filter(Boolean),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    jwt: {
      secret: jwtSecret(env, dataDir, Boolean(databaseUrl)),
      issuer: env.JWT_ISSUER ?? 'backbeat',
      audience: env.JWT_AUDIENCE ?? 'backbeat-api',
      accessTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 60),
      refreshTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, 60),
    },
    auth: {
      requireEmailConfirmation: bool(env, 'REQUIRE_EMAIL_CONFIRMATION', Boolean(databaseUrl)),
      loginAttemptsPerAccountPerHour: int(env, 'LOGIN_ATTEMPTS_PER_ACCOUNT_PER_HOUR', 100, 1),
      loginAttemptsPerIpPerHour: int(env, 'LOGIN_ATTEMPTS_PER_IP_PER_HOUR', 300, 1),
      emailTokenTtlSeconds: int(env, 'EMAIL_TOKEN_TTL_SECONDS', 24 * 3600, 60),
    },
    storage: s3Bucket
      ? {
          driver: 's3',
          endpoint: env.S3_ENDPOINT || undefined,
          bucket: s3Bucket,
          region: env.S3_REGION ?? 'us-east-1',
          accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
          forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', false),
        }
      : { driver: 'local', root: join(dataDir, 'storage') },
    avatarMaxBytes: int(env, 'AVATAR_MAX_BYTES', 2 * 1024 * 1024, 1024),
    mail: { smtpUrl: env.SMTP_URL || undefined, from: env.MAIL_FROM ?? 'Backbeat <no-reply@localhost>' },
  };
}
