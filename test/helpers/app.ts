import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { describe } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { DialectName } from '../../src/db/dialect.js';
import { runDueJobs, workerOptions } from '../../src/lib/jobs.js';
import type { Actor } from '../../src/lib/policy.js';
import { SESSION_COOKIE } from '../../src/lib/auth.js';
import { createSession, createUser } from '../../src/modules/accounts/service.js';
import { seed } from '../../src/seed/index.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** The engines the suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DIALECTS: DialectName[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** Runs a describe block once per database engine. */
export function describeEachDatabase(name: string, body: (dialect: DialectName) => void): void {
  for (const dialect of DIALECTS) describe(`${name} [${dialect}]`, () => body(dialect));
}

export { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  /** Runs every due background job now (mail, offers, reminders). */
  runJobs(): Promise<number>;
  close(): Promise<void>;
}

/** Builds the app on a fresh database; seeds the hub's content unless `seeded: false`. */
export async function createTestApp(dialect: DialectName, options: { seeded?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  if (options.seeded !== false) await seed(database.handle.db);
  const config = loadConfig({
    DATA_DIR: database.dataDir,
    BASE_URL: 'http://hub.test',
    LOG_LEVEL: 'silent',
    RUN_WORKER: 'false',
    PAGE_CACHE_SECONDS: '0',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...options.env,
  });
  const app = await buildApp(config, { database: database.handle, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    runJobs: () => runDueJobs(database.handle.db, app.jobs, app.log, 100, workerOptions(config)),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** Creates a user with a live session and returns the cookie header that signs requests in as them. */
export async function signIn(app: FastifyInstance, user: { role: Actor['role']; projectIds?: number[]; email?: string; name?: string }): Promise<{ cookie: string; userId: number }> {
  const userId = await createUser(app.db, {
    email: user.email ?? `${user.role}-${randomBytes(4).toString('hex')}@example.org`,
    name: user.name ?? `Test ${user.role}`,
    role: user.role,
    projectIds: user.projectIds,
  });
  const { token } = await createSession(app.db, userId);
  return { cookie: `${SESSION_COOKIE}=${token}`, userId };
}

/**
 * Fetches a CSRF token the way a browser gets one: GET a page with a form, keep the cookie.
 * Returns the cookie to send and the token to put in the form's `_csrf` field.
 */
export async function csrfFor(app: FastifyInstance, cookie = ''): Promise<{ cookie: string; token: string }> {
  const response = await app.inject({ method: 'GET', url: '/api/csrf-token', headers: cookie ? { cookie } : {} });
  const { token } = response.json() as { token: string };
  const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
  return { cookie: [cookie, ...setCookie].filter(Boolean).join('; '), token };
}

/** Posts a form as a browser does: with a fresh CSRF token and its cookie beside `cookie` (a signed-in session). */
export async function postForm(
  app: FastifyInstance,
  url: string,
  values: Record<string, string | number | boolean | string[]>,
  options: { cookie?: string; remoteAddress?: string } = {},
) {
  const csrf = await csrfFor(app, options.cookie);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    payload: form({ ...values, _csrf: csrf.token }),
  });
}

/** Encodes a form body as a browser does. */
export function form(values: Record<string, string | number | boolean | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.set(key, String(value));
  }
  return params.toString();
}
