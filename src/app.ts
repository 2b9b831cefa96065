import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import qs from 'node:querystring';
import type { Config } from './config.js';
import { setHubTimeZone } from './lib/time.js';
import { type DatabaseHandle, openDatabase } from './db/index.js';
import { ping } from './db/dialect.js';
import type { DialectName } from './db/dialect.js';
import type { Database } from './db/types.js';
import { authPlugin } from './lib/auth.js';
import { rememberingSigner } from './lib/cookie-signer.js';
import { errorsPlugin } from './lib/errors-plugin.js';
import { inputGuardPlugin } from './lib/input-guard.js';
import { securityHeadersPlugin } from './lib/security-headers.js';
import { finiteNumbersOnly } from './lib/validation.js';
import { JobRegistry, registerJobsCleanup, requestLoadGauge, startWorker, workerOptions } from './lib/jobs.js';
import { metricsPlugin } from './lib/metrics.js';
import { pendingMigrations } from './db/migrate.js';
import { pageCachePlugin } from './lib/page-cache.js';
import { renderPlugin } from './lib/render.js';
import { findActorBySession } from './modules/accounts/service.js';
import { Contributions } from './lib/modules.js';
import { filesPlugin } from './lib/uploads.js';
import { manifests } from './modules/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Kysely<Database>;
    dialect: DialectName;
    database: DatabaseHandle;
    jobs: JobRegistry;
    /** What modules add to each other's pages and indexes (see `src/lib/modules.ts`). */
    contributions: Contributions;
    /**
     * Every route as registered (method, URL pattern, the query parameters its schema declares): the permission
     * test checks each mutating one, the bad-input test each parameter.
     */
    registeredRoutes: RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  query: string[];
}

/** Static assets: `src/web/public` when running from source, `dist/public` in the production build. */
function publicDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const built = path.join(here, 'public');
  return fs.existsSync(built) ? built : path.join(here, 'web', 'public');
}

/** Jobs by status for /metrics; pending and failed are always reported, as 0 when there are none. */
async function countJobsByStatus(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return { pending: 0, running: 0, failed: 0, ...Object.fromEntries(rows.map((row) => [row.status, Number(row.n)])) };
}

export interface BuildOptions {
  /** An already opened database (tests, benchmarks); otherwise opened from config. */
  database?: DatabaseHandle;
  /** Pass false to keep logs quiet (tests). */
  logger?: boolean;
}

/** Builds the whole app from config without listening: `main.ts` listens, tests use `app.inject()`. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const database = options.database ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Malformed query strings must not throw: node:querystring never does.
    routerOptions: { querystringParser: (s: string) => qs.parse(s), maxParamLength: 500 },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: finiteNumbersOnly() } },
  });

  app.decorate('config', config);
  setHubTimeZone(config.hubTimeZone);
  app.decorate('database', database);
  app.decorate('db', database.db);
  app.decorate('dialect', database.dialect);
  app.decorate('jobs', new JobRegistry());
  const registeredRoutes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  app.addHook('onRoute', (route) => {
    const query = Object.keys((route.schema?.querystring as { properties?: object } | undefined)?.properties ?? {});
    for (const method of ([] as string[]).concat(route.method)) registeredRoutes.push({ method, url: route.url, query });
  });
  app.decorate('contributions', new Contributions(manifests));
  registerJobsCleanup(app.jobs);
  for (const manifest of manifests) manifest.jobs?.(app.jobs, app);

  await app.register(errorsPlugin);
  await app.register(metricsPlugin, { token: config.metricsToken });
  // The page cache answers hits before every other request hook; see its comment.
  await app.register(pageCachePlugin, { ttlSeconds: config.pageCacheSeconds });
  await app.register(renderPlugin);
  await app.register(inputGuardPlugin);
  await app.register(cookie, { secret: rememberingSigner(config.secret) });
  await app.register(formbody, { parser: (body) => qs.parse(body) });
  await app.register(securityHeadersPlugin, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.baseUrl.startsWith('https:') ? [] : null,
      },
    },
    hsts: config.baseUrl.startsWith('https:'),
    crossOriginEmbedderPolicy: false,
    // Outgoing links to project websites may say where the visitor came from, never the full path.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Legacy headers that today's browsers ignore or that the CSP above already covers
    // (frame-ancestors replaces X-Frame-Options); every page carries them, so they cost on every hit.
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    xFrameOptions: false,
  });
  await app.register(csrf, {
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: config.baseUrl.startsWith('https:') },
  });
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin, { findActor: findActorBySession });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Cluster Hub API', version: '1.0.0', description: 'Open data of the Cluster Hub: events, news, projects.' },
      servers: [{ url: config.baseUrl }],
    },
    hideUntagged: true,
  });
  await app.register(fastifyStatic, { root: publicDir(), prefix: '/static/', maxAge: '1h', immutable: false });

  app.get('/healthz', async (_request, reply) => {
    const ok = await ping(app.db);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'database unavailable', database: app.dialect });
  });
  // Migrations never go back once applied, so after the first "none pending" only the database is checked.
  let migrated = false;
  app.get('/readyz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      if (!migrated) {
        const pending = await pendingMigrations(app.db);
        if (pending.length) return reply.code(503).send({ status: 'migrations pending', pending });
        migrated = true;
      }
      if (await ping(app.db)) return reply.send({ status: 'ready' });
    } catch {
      // The database is away: answered below.
    }
    return reply.code(503).send({ status: 'database unavailable' });
  });
  app.metrics.addGauge({ name: 'jobs', help: 'Background jobs in the jobs table, by status', label: 'status', read: () => countJobsByStatus(app.db) });
  const pool = database.pool;
  if (pool) {
    app.metrics.addGauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections: total open, idle, and requests waiting for one',
      label: 'state',
      read: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    });
  }
  app.get('/api/openapi.json', async () => app.swagger());
  // For scripts and tests that post forms: the same token a rendered form carries.
  app.get('/api/csrf-token', async (_request, reply) => reply.header('cache-control', 'no-store').send({ token: reply.generateCsrf() }));

  await app.register(filesPlugin);
  for (const manifest of manifests) for (const plugin of manifest.plugins ?? []) await app.register(plugin);
  for (const manifest of manifests) if (manifest.routes) await app.register(manifest.routes);
  for (const manifest of manifests) if (manifest.adminRoutes) await app.register(manifest.adminRoutes);

  if (config.runWorker) {
    let stopWorker: (() => Promise<void>) | undefined;
    // The web instance's own worker steps back while people are waiting on it.
    const load = requestLoadGauge();
    app.addHook('onRequest', async () => load.request());
    app.addHook('onReady', async () => {
      stopWorker = startWorker(app.db, app.jobs, app.log, { ...workerOptions(config), busy: load.busy });
    });
    app.addHook('onClose', async () => {
      await stopWorker?.();
      load.stop();
    });
  }
  if (!options.database) app.addHook('onClose', async () => database.close());
  return app;
}
