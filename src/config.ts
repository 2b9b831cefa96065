import path from 'node:path';

/** Everything the app reads from the environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; when absent the embedded SQLite file in dataDir is used. */
  databaseUrl?: string;
  /** Public origin used in links that leave the app (mail, feeds, calendars). */
  baseUrl: string;
  /** Secret for signed links and cookies. */
  secret: string;
  smtpUrl?: string;
  mailFrom: string;
  redisUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seconds a public page may be served from the in-process page cache. */
  pageCacheSeconds: number;
  /** Start the in-process worker (mail outbox, reminders, waiting-list offers). */
  runWorker: boolean;
  /** Largest file accepted by the library and galleries, in megabytes. */
  maxUploadMb: number;
  /** Registrations per minute one address may send; 0 turns the limit off. */
  registrationRateLimit: number;
  /** Live-session joins per minute one address may make; 0 turns the limit off. */
  liveJoinRateLimit: number;
  /** Days a delivered message keeps its recipient and body in the outbox. */
  mailRetentionDays: number;
  /** Bearer token that turns `/metrics` on; without it the route answers 404. */
  metricsToken?: string;
  /** Seconds a SIGTERM waits for requests and running jobs before the process exits anyway. */
  shutdownTimeoutSeconds: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')}, got "${raw}"`);
  }
  return raw;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** Reads and validates the configuration; throws ConfigError with a message a person can act on. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const baseUrl = (url(env, 'BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, '');
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const secret = env.SECRET || 'cluster-hub-development-secret-change-me';
  if (env.SECRET !== undefined && env.SECRET.length < 32) {
    throw new ConfigError('SECRET must be at least 32 characters long');
  }
  const mailFrom = env.MAIL_FROM || 'Cluster Hub <hub@localhost>';
  if (!/<?[^\s@<>]+@[^\s@<>]+>?$/.test(mailFrom)) {
    throw new ConfigError(`MAIL_FROM must contain an e-mail address, got "${mailFrom}"`);
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) {
    throw new ConfigError('METRICS_TOKEN must be at least 16 characters long');
  }
  return {
    port,
    host,
    dataDir,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    baseUrl,
    secret,
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom,
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    logLevel,
    pageCacheSeconds: integer(env, 'PAGE_CACHE_SECONDS', 2, 0, 3600),
    runWorker: bool(env, 'RUN_WORKER', true),
    maxUploadMb: integer(env, 'MAX_UPLOAD_MB', 50, 1, 2048),
    registrationRateLimit: integer(env, 'REGISTRATION_RATE_LIMIT', 20, 0, 10_000_000),
    mailRetentionDays: integer(env, 'MAIL_RETENTION_DAYS', 90, 1, 3650),
    liveJoinRateLimit: integer(env, 'LIVE_JOIN_RATE_LIMIT', 600, 0, 10_000_000),
    metricsToken,
    shutdownTimeoutSeconds: integer(env, 'SHUTDOWN_TIMEOUT_SECONDS', 25, 1, 3600),
  };
}
