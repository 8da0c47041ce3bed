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
  /** Which X-Forwarded-For hops to believe: false (none), a hop count, or proxy addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  bodyLimitBytes: number;
  jwt: { secret: string; issuer: string; audience: string; accessTtlSeconds: number; refreshTtlSeconds: number };
  auth: {
    requireEmailConfirmation: boolean;
    loginAttemptsPerAccountPerHour: number;
    loginAttemptsPerIpPerHour: number;
    emailTokenTtlSeconds: number;
    passwordResetTtlSeconds: number;
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
  loudness: { maxUploadBytes: number; retentionDays: number };
  credits: { welcomeGrant: number; dailyGrant: number; costPerTrack: number };
  /** FREE_MONTHLY_PLAY_LIMIT: plays a month for wallets that are not pro; 0 = unlimited. */
  social: { freeMonthlyPlayLimit: number };
  mail: { smtpUrl?: string; from: string };
  generation: {
    engine: string;
    freeLifetimeLimit: number;
    freeMonthlyLimit: number;
    audioFormat: 'wav' | 'flac' | 'mp3';
    lyricsProvider: { url?: string; model: string; apiKey?: string; timeoutMs: number };
  };
  providers: ProvidersConfig;
}

export type WebhookScheme = 'hmac-sha256' | 'header' | 'query';

/** Music provider adapters (docs/providers.md). Webhook secrets are lists: several are accepted while one is rotated. */
export interface ProvidersConfig {
  enabled: string[];
  audioMaxBytes: number;
  audioTimeoutMs: number;
  webhookToleranceSeconds: number;
  piapi: { baseUrl: string; apiKey?: string; model: string; webhookSecrets: string[]; webhookScheme: WebhookScheme };
  musicgpt: { baseUrl: string; apiKey?: string; webhookSecrets: string[]; webhookScheme: WebhookScheme };
  acestep: { baseUrl: string; apiKey?: string; model?: string; pollIntervalMs: number; timeoutMs: number };
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

function list(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

function webhookScheme(env: Env, name: string, fallback: WebhookScheme): WebhookScheme {
  const raw = env[name] || fallback;
  if (raw === 'hmac-sha256' || raw === 'header' || raw === 'query') return raw;
  throw new ConfigError(`${name} must be hmac-sha256, header or query, got "${raw}"`);
}

function providersConfig(env: Env): ProvidersConfig {
  const enabled = list(env.GENERATION_PROVIDERS);
  const known = ['piapi', 'musicgpt', 'acestep'];
  const unknown = enabled.find((p) => !known.includes(p));
  if (unknown) throw new ConfigError(`GENERATION_PROVIDERS: unknown provider "${unknown}" (known: ${known.join(', ')})`);
  const config: ProvidersConfig = {
    enabled,
    audioMaxBytes: int(env, 'PROVIDER_AUDIO_MAX_BYTES', 200 * 1024 * 1024, 1024),
    audioTimeoutMs: int(env, 'PROVIDER_AUDIO_TIMEOUT_MS', 120_000, 100),
    webhookToleranceSeconds: int(env, 'PROVIDER_WEBHOOK_TOLERANCE_SECONDS', 300, 1),
    piapi: {
      baseUrl: (env.PIAPI_BASE_URL || 'https://api.piapi.ai').replace(/\/+$/, ''),
      apiKey: env.PIAPI_API_KEY || undefined,
      model: env.PIAPI_MODEL || 'music-u',
      webhookSecrets: list(env.PIAPI_WEBHOOK_SECRET),
      webhookScheme: webhookScheme(env, 'PIAPI_WEBHOOK_SCHEME', 'header'),
    },
    musicgpt: {
      baseUrl: (env.MUSICGPT_BASE_URL || 'https://api.musicgpt.com/api/public/v1').replace(/\/+$/, ''),
      apiKey: env.MUSICGPT_API_KEY || undefined,
      webhookSecrets: list(env.MUSICGPT_WEBHOOK_SECRET),
      webhookScheme: webhookScheme(env, 'MUSICGPT_WEBHOOK_SCHEME', 'query'),
    },
    acestep: {
      baseUrl: (env.ACESTEP_BASE_URL || 'http://127.0.0.1:8001').replace(/\/+$/, ''),
      apiKey: env.ACESTEP_API_KEY || undefined,
      model: env.ACESTEP_MODEL || undefined,
      pollIntervalMs: int(env, 'ACESTEP_POLL_INTERVAL_MS', 2000, 10),
      timeoutMs: int(env, 'ACESTEP_TIMEOUT_MS', 15 * 60_000, 1000),
    },
  };
  // A webhook provider without a secret would accept anyone's "completed" event.
  for (const name of ['piapi', 'musicgpt'] as const) {
    if (!enabled.includes(name)) continue;
    const upper = name.toUpperCase();
    if (!config[name].apiKey) throw new ConfigError(`${upper}_API_KEY is required when ${name} is in GENERATION_PROVIDERS`);
    if (config[name].webhookSecrets.length === 0) throw new ConfigError(`${upper}_WEBHOOK_SECRET is required when ${name} is in GENERATION_PROVIDERS`);
  }
  return config;
}

function audioFormat(raw: string | undefined): 'wav' | 'flac' | 'mp3' {
  // FLAC: lossless, plays in every current browser, ~3× faster to master than MP3 and ~60 % of WAV's size.
  if (raw === undefined || raw === '') return 'flac';
  if (raw === 'wav' || raw === 'flac' || raw === 'mp3') return raw;
  throw new ConfigError(`GENERATION_AUDIO_FORMAT must be wav, flac or mp3, got "${raw}"`);
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

/**
 * Client addresses (login rate limits per IP) come from X-Forwarded-For only when a proxy we trust
 * set it; believing any client's header would let it pick its own address.
 */
function trustProxy(raw: string | undefined): boolean | number | string[] {
  const value = raw?.trim();
  if (!value || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim()).filter(Boolean);
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
    trustProxy: trustProxy(env.TRUST_PROXY),
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
      // A reset link is a login credential sitting in a mailbox: it gets a shorter life than a confirmation.
      passwordResetTtlSeconds: int(env, 'PASSWORD_RESET_TTL_SECONDS', 3600, 60),
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
    loudness: {
      maxUploadBytes: int(env, 'LOUDNESS_MAX_UPLOAD_BYTES', 2 * 1024 ** 3, 1024),
      retentionDays: int(env, 'LOUDNESS_RETENTION_DAYS', 30, 0),
    },
    credits: {
      welcomeGrant: int(env, 'CREDITS_WELCOME_GRANT', 100),
      dailyGrant: int(env, 'CREDITS_DAILY_GRANT', 20),
      costPerTrack: int(env, 'CREDITS_COST_PER_TRACK', 10),
    },
    social: { freeMonthlyPlayLimit: int(env, 'FREE_MONTHLY_PLAY_LIMIT', 0) },
    mail: { smtpUrl: env.SMTP_URL || undefined, from: env.MAIL_FROM ?? 'Backbeat <no-reply@localhost>' },
    generation: {
      engine: env.GENERATION_ENGINE || 'procedural',
      // 0 = unlimited. Counts generation requests of users without a pro wallet.
      freeLifetimeLimit: int(env, 'GENERATION_FREE_LIFETIME_LIMIT', 0),
      freeMonthlyLimit: int(env, 'GENERATION_FREE_MONTHLY_LIMIT', 0),
      audioFormat: audioFormat(env.GENERATION_AUDIO_FORMAT),
      lyricsProvider: {
        url: env.LYRICS_PROVIDER_URL || undefined,
        model: env.LYRICS_PROVIDER_MODEL ?? 'gpt-4o-mini',
        apiKey: env.LYRICS_PROVIDER_API_KEY || undefined,
        timeoutMs: int(env, 'LYRICS_PROVIDER_TIMEOUT_MS', 30_000, 100),
      },
    },
    providers: providersConfig(env),
  };
}
