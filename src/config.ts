import net from 'node:net';
import path from 'node:path';
import { DEFAULT_HUB_TIME_ZONE, isValidZone } from './lib/time.js';

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
  /** Seconds to wait for the SMTP server: to connect, for its greeting, and through any silence later on. */
  smtpTimeouts: { connectionSeconds: number; greetingSeconds: number; socketSeconds: number };
  mailFrom: string;
  redisUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seconds a public page may be served from the in-process page cache. */
  pageCacheSeconds: number;
  /** Start the in-process worker (mail outbox, reminders, waiting-list offers). */
  runWorker: boolean;
  /** Seconds one background job may run before it is given up and retried with back-off. */
  jobTimeoutSeconds: number;
  /** Background jobs one instance runs at once (each kind gets at most half of them). */
  jobConcurrency: number;
  /** Largest file accepted by the library and galleries, in megabytes. */
  maxUploadMb: number;
  /** Seconds the text of one PDF may take to read before its worker is stopped. */
  pdfTextTimeoutSeconds: number;
  /** Megabytes reading one PDF's text may take (the worker's heap and the process's growth). */
  pdfTextMemoryMb: number;
  /** Registrations per minute one address may send; 0 turns the limit off. */
  registrationRateLimit: number;
  /** Live-session joins per minute one address may make; 0 turns the limit off. */
  liveJoinRateLimit: number;
  /** Days a delivered message keeps its recipient and body in the outbox. */
  mailRetentionDays: number;
  /**
   * Which proxies may say who the client is with X-Forwarded-For (Fastify's `trustProxy`): false trusts none,
   * so rate limits count the address that connected; otherwise the proxies' addresses and CIDR ranges, or true for any.
   */
  trustProxy: boolean | string[];
  /** Bearer token that turns `/metrics` on; without it the route answers 404. */
  metricsToken?: string;
  /** Seconds a SIGTERM waits for requests and running jobs before the process exits anyway. */
  shutdownTimeoutSeconds: number;
  /**
   * IANA zone of times that belong to no event (back-office stamps, news dates, scheduled posts); an event's own
   * times use the event's zone.
   */
  hubTimeZone: string;
  /** Newsletter and alert messages per minute handed to the outbox (SMTP providers cap it); 0 means no limit. */
  newsletterRatePerMinute: number;
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

/** proxy-addr's names for whole groups of addresses, accepted beside addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = net.isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function trustProxy(env: NodeJS.ProcessEnv): Config['trustProxy'] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw.toLowerCase() === 'false') return false;
  if (raw.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(raw)) {
    // Fastify 5 ignores hop counts: a client that reaches the hub directly could send as many made-up hops as it likes.
    throw new ConfigError(`TRUST_PROXY takes the proxies' addresses or CIDR ranges (like 127.0.0.1 or 10.0.0.0/8), not a number of hops, got "${raw}"`);
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isAddressOrRange(entry));
  if (wrong !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be true, false, or addresses and CIDR ranges separated by commas (like 10.0.0.1, 192.168.0.0/16), got "${wrong}"`,
    );
  }
  return entries;
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
  const hubTimeZone = env.HUB_TIME_ZONE || DEFAULT_HUB_TIME_ZONE;
  if (!isValidZone(hubTimeZone)) {
    throw new ConfigError(`HUB_TIME_ZONE must be an IANA time zone like Europe/Brussels, got "${hubTimeZone}"`);
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
    smtpTimeouts: {
      connectionSeconds: integer(env, 'SMTP_CONNECTION_TIMEOUT_SECONDS', 10, 1, 600),
      greetingSeconds: integer(env, 'SMTP_GREETING_TIMEOUT_SECONDS', 10, 1, 600),
      socketSeconds: integer(env, 'SMTP_SOCKET_TIMEOUT_SECONDS', 30, 1, 600),
    },
    mailFrom,
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    logLevel,
    pageCacheSeconds: integer(env, 'PAGE_CACHE_SECONDS', 2, 0, 3600),
    runWorker: bool(env, 'RUN_WORKER', true),
    jobTimeoutSeconds: integer(env, 'JOB_TIMEOUT_SECONDS', 120, 1, 86_400),
    jobConcurrency: integer(env, 'JOB_CONCURRENCY', 8, 2, 256),
    maxUploadMb: integer(env, 'MAX_UPLOAD_MB', 50, 1, 2048),
    pdfTextTimeoutSeconds: integer(env, 'PDF_TEXT_TIMEOUT_SECONDS', 20, 1, 600),
    pdfTextMemoryMb: integer(env, 'PDF_TEXT_MEMORY_MB', 256, 64, 4096),
    registrationRateLimit: integer(env, 'REGISTRATION_RATE_LIMIT', 20, 0, 10_000_000),
    mailRetentionDays: integer(env, 'MAIL_RETENTION_DAYS', 90, 1, 3650),
    liveJoinRateLimit: integer(env, 'LIVE_JOIN_RATE_LIMIT', 600, 0, 10_000_000),
    trustProxy: trustProxy(env),
    metricsToken,
    shutdownTimeoutSeconds: integer(env, 'SHUTDOWN_TIMEOUT_SECONDS', 25, 1, 3600),
    hubTimeZone,
    newsletterRatePerMinute: integer(env, 'NEWSLETTER_RATE_PER_MINUTE', 600, 0, 10_000_000),
  };
}
