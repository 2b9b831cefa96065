import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/index.js';
import { enqueueJob } from '../src/lib/jobs.js';
import { queueMail } from '../src/modules/mail/service.js';
import { createTestApp, createTestDatabase, describeEachDatabase, type TestApp } from './helpers/app.js';
import { liveFixture } from './helpers/live.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** The value of one series in a Prometheus text exposition, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describeEachDatabase('/metrics', (dialect) => {
  let t: TestApp;
  const scrape = async () => {
    const response = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.statusCode).toBe(200);
    return response;
  };
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false, env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => t?.close());

  it('is off without METRICS_TOKEN', async () => {
    const off = await createTestApp(dialect, { seeded: false });
    try {
      expect((await off.app.inject('/metrics')).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('asks for the bearer token', async () => {
    const none = await t.app.inject('/metrics');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect((await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/metrics', headers: { authorization: TOKEN } })).statusCode).toBe(401);
  });

  it('counts requests by route pattern and status, with latency histograms', async () => {
    for (const slug of ['one', 'two', 'three']) expect((await t.app.inject(`/events/${slug}`)).statusCode).toBe(404);
    await t.app.inject('/no/such/page');
    await t.app.inject('/healthz');
    const response = await scrape();
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(sample(text, 'cluster_hub_http_requests_total{method="GET",route="/events/:slug",status="404"}')).toBe(3);
    expect(sample(text, 'cluster_hub_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(text, 'cluster_hub_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}')).toBe(1);
    expect(sample(text, 'cluster_hub_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/events/:slug",status="404"}')).toBe(3);
    expect(text).toContain('cluster_hub_process_resident_memory_bytes');
  });

  it('reads jobs, mail and pool figures at scrape time and counts live streams', async () => {
    const before = await scrape();
    const pending = sample(before.body, 'cluster_hub_jobs{status="pending"}')!;
    expect(sample(before.body, 'cluster_hub_jobs{status="failed"}')).toBe(0);
    expect(sample(before.body, 'cluster_hub_mail_messages{status="failed"}')).toBe(0);
    await enqueueJob(t.app.db, 'test.nothing', {});
    await queueMail(t.app.db, { to: 'someone@example.org', subject: 'Hello', text: 'Hello' });
    await t.app.db.insertInto('jobs').values({ kind: 'test.broken', payload: '{}', run_at: new Date().toISOString(), status: 'failed', attempts: 8, created_at: new Date().toISOString() }).execute();
    const after = (await scrape()).body;
    // The mail's delivery is a job too.
    expect(sample(after, 'cluster_hub_jobs{status="pending"}')).toBe(pending + 2);
    expect(sample(after, 'cluster_hub_jobs{status="failed"}')).toBe(1);
    expect(sample(after, 'cluster_hub_mail_messages{status="queued"}')).toBe(1);
    expect(sample(after, 'cluster_hub_sse_connections')).toBe(0);
    if (dialect === 'postgres') {
      expect(sample(after, 'cluster_hub_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
      // Waiting counts requests queued for a connection, the scrape's own queries included.
      expect(sample(after, 'cluster_hub_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
      expect(sample(after, 'cluster_hub_db_pool_connections{state="waiting"}')).toBeGreaterThanOrEqual(0);
    } else {
      expect(after).not.toContain('cluster_hub_db_pool_connections');
    }

    const { session } = await liveFixture(t.app, []);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address() as { port: number };
    const controller = new AbortController();
    const stream = await fetch(`http://127.0.0.1:${address.port}/live/${session.code}/events?view=participant`, { signal: controller.signal });
    const reader = stream.body!.getReader();
    await reader.read();
    expect(sample((await scrape()).body, 'cluster_hub_sse_connections')).toBe(1);
    controller.abort();
    await reader.closed.catch(() => {});
    await expect.poll(async () => sample((await scrape()).body, 'cluster_hub_sse_connections')).toBe(0);
  });
});

describeEachDatabase('/readyz', (dialect) => {
  it('answers 503 while a migration is pending or the database is away, 200 otherwise; /healthz stays liveness', async () => {
    const database = await createTestDatabase(dialect);
    // The app gets a connection of its own, closed below to take the database away from it.
    const handle = openDatabase({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, poolSize: 2 });
    const env = { DATA_DIR: database.dataDir, LOG_LEVEL: 'silent', RUN_WORKER: 'false', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) };
    const app = await buildApp(loadConfig(env), { database: handle, logger: false });
    const migrations = database.handle.db as Kysely<any>;
    try {
      const last = await migrations.selectFrom('kysely_migration').selectAll().orderBy('name', 'desc').executeTakeFirstOrThrow();
      await migrations.deleteFrom('kysely_migration').where('name', '=', last.name).execute();
      const pending = await app.inject('/readyz');
      expect(pending.statusCode).toBe(503);
      expect(pending.json()).toEqual({ status: 'migrations pending', pending: [last.name] });
      expect((await app.inject('/healthz')).statusCode).toBe(200);

      await migrations.insertInto('kysely_migration').values(last).execute();
      const ready = await app.inject('/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready' });

      await handle.close();
      const away = await app.inject('/readyz');
      expect(away.statusCode).toBe(503);
      expect(away.json()).toEqual({ status: 'database unavailable' });
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
