// `npm run bench -- report [--db postgres] [--registrations N]`
// A hub with 500 events over two years, 200,000 confirmed registrations (80,000 people, so many come back),
// 1,000,000 page-view days and 50,000 downloads, written with plain bulk inserts. The real server (a child process)
// renders /admin/report for the last 12 months over HTTP, signed in as an admin: first a different period once (so
// code and the map are loaded), then the 12 months cold (nothing kept yet), then the same again from the minute's
// cache. Reference in the same run: one `select count(*) from registrations` from this process.
// The last line is one JSON object.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createTestDatabase } from '../test/helpers/database.js';
import { SESSION_COOKIE } from '../src/lib/auth.js';
import { createSession, createUser } from '../src/modules/accounts/service.js';
import { startServer } from './_child-server.js';
import { cpuSeconds, percentile, progress, round } from './_util.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    registrations: { type: 'string', default: '200000' },
  },
});
const EVENTS = 500;
const REGISTRATIONS = Number(args.registrations);
const PEOPLE = Math.round(REGISTRATIONS * 0.4);
const PAGE_VIEW_DAYS = 1_000_000;
const DOWNLOADS = 50_000;
const DOCUMENTS = 2_000;

if (args.db === 'postgres') {
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}
const database = await createTestDatabase(args.db === 'postgres' ? 'postgres' : 'sqlite');
const { dataDir, databaseUrl } = database;
const db = database.handle.db;

const DAY_MS = 86_400_000;
const now = Date.now();
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Deterministic spread without a random generator: the same hub every run. */
const pick = <T>(list: readonly T[], n: number): T => list[(n * 2_654_435_761) % list.length];

async function bulk(table: string, rows: Record<string, unknown>[], perStatement: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += perStatement) {
      await trx.insertInto(table as never).values(rows.slice(i, i + perStatement) as never).execute();
    }
  });
}

const seedBegan = performance.now();
progress(`seeding (${args.db}): ${EVENTS} events, ${REGISTRATIONS} registrations, ${PAGE_VIEW_DAYS} page-view days, ${DOWNLOADS} downloads`);
const TYPES = ['workshop', 'webinar', 'seminar', 'symposium', 'conference', 'annual-meeting'] as const;
const FORMATS = ['in-person', 'online', 'hybrid'] as const;
const stamp = new Date(now).toISOString();
const events = Array.from({ length: EVENTS }, (_, i) => {
  const starts = new Date(now - Math.round(((i + 0.5) / EVENTS) * 730) * DAY_MS).toISOString();
  return {
    slug: `bench-event-${i}`,
    title: `Benchmark event ${i}`,
    type: pick(TYPES, i),
    format: pick(FORMATS, i + 1),
    summary: '',
    description_md: '',
    starts_at: starts,
    ends_at: starts,
    all_day: 0,
    timezone: 'Europe/Brussels',
    organisers: '',
    is_hub_event: 1,
    topics: '[]',
    tags: '[]',
    status: 'published',
    published_at: stamp,
    created_at: stamp,
    updated_at: stamp,
  };
});
await bulk('events', events, 200);

// Registrations and page views are generated inside the database (one INSERT … SELECT each, the same SQL on both
// engines): 400 places per event, a person once per event and, over two years, at several events.
const COUNTRIES = 'BEDEFRESITPLSEFIPTNLATCZGRIENORO';
const PER_EVENT = Math.ceil(REGISTRATIONS / EVENTS);
const person = sql`((k.n * 197 + e.id * 61) % ${sql.lit(PEOPLE)})`;
await sql`
  with recursive k(n) as (select 0 union all select n + 1 from k where n < ${sql.lit(PER_EVENT - 1)})
  insert into registrations
    (event_id, email, email_normalised, name, organisation, organisation_type, country, answers, mode, status, holds_seat, checked_in_at, created_at, updated_at)
  select e.id, 'person' || ${person} || '@example.org', 'person' || ${person} || '@example.org', 'Person ' || ${person},
    'Organisation ' || (${person} % 3000),
    case ${person} % 7 when 0 then 'industry' when 1 then 'research' when 2 then 'university' when 3 then 'public-body' when 4 then 'association' when 5 then 'other' end,
    substr(${COUNTRIES}, 1 + 2 * (${person} % 16), 2), '{}',
    case when k.n % 3 = 0 then 'online' else 'in-person' end, 'confirmed', 1,
    case when k.n % 3 <> 0 and k.n % 4 <> 0 then ${stamp} end, ${stamp}, ${stamp}
  from events e, k`.execute(db);

// Page views: 730 days × 1,370 paths.
const pathsPerDay = Math.ceil(PAGE_VIEW_DAYS / 730);
const days = sql.join(Array.from({ length: 730 }, (_, n) => sql`(${sql.lit(n)}, ${sql.lit(dayOf(now - n * DAY_MS))})`));
await sql`
  with recursive p(m) as (select 0 union all select m + 1 from p where m < ${sql.lit(pathsPerDay - 1)}), d(n, day) as (values ${days})
  insert into page_views (day, path, views)
  select d.day, '/news/post-' || p.m, 1 + ((p.m * 31 + d.n) % 50) from d, p where d.n * ${sql.lit(pathsPerDay)} + p.m < ${sql.lit(PAGE_VIEW_DAYS)}`.execute(db);
await sql`insert into page_view_months (month, path, views) select substr(day, 1, 7), path, sum(views) from page_views group by substr(day, 1, 7), path`.execute(db);

const documents = Array.from({ length: DOCUMENTS }, (_, i) => ({
  title: `Document ${i}`,
  authors: '',
  description: '',
  licence: '',
  category: 'pdf',
  current_version: 1,
  download_count: 0,
  created_at: stamp,
  updated_at: stamp,
}));
await bulk('documents', documents, 500);
const documentIds = (await db.selectFrom('documents').select('id').orderBy('id').execute()).map((r) => r.id);
// 50,000 (document, day) rows of one download each: 25 days per document over two years.
const downloads = Array.from({ length: DOWNLOADS }, (_, i) => ({ day: dayOf(now - Math.floor(i / DOCUMENTS) * 29 * DAY_MS), document_id: documentIds[i % DOCUMENTS], downloads: 1 }));
await bulk('document_download_days', downloads, 5000);
// Fresh statistics, as a hub that has run for two years has.
await sql`analyze`.execute(db);
const seedSeconds = (performance.now() - seedBegan) / 1000;
progress(`seeded in ${round(seedSeconds)} s`);

const adminId = await createUser(db, { email: 'coordinator@example.org', name: 'Coordinator', role: 'admin' });
const { token } = await createSession(db, adminId);
const server = await startServer(
  {
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    SECRET: randomBytes(24).toString('hex'),
    NODE_ENV: 'production',
    RUN_WORKER: 'false',
  },
  'serve',
  120_000,
);

const today = dayOf(now);
const twelveMonths = `from=${dayOf(now - 364 * DAY_MS)}&to=${today}`;
async function render(query: string): Promise<number> {
  const began = performance.now();
  const response = await fetch(`${server.url}/admin/report?${query}`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  const body = await response.text();
  const ms = performance.now() - began;
  if (response.status !== 200 || !body.includes('Most read pages')) throw new Error(`report answered ${response.status}: ${body.slice(0, 300)}`);
  return ms;
}

await render(`from=${dayOf(now - 30 * DAY_MS)}&to=${today}`);
// The server's CPU time for the cold render says what the work costs even when other work shares the machine.
const cpuBefore = cpuSeconds(server.child.pid!);
const coldMs = await render(twelveMonths);
const coldCpuMs = (cpuSeconds(server.child.pid!) - cpuBefore) * 1000;
const cached: number[] = [];
for (let i = 0; i < 10; i++) cached.push(await render(twelveMonths));
cached.sort((a, b) => a - b);

const counts: number[] = [];
for (let i = 0; i < 5; i++) {
  const began = performance.now();
  await db.selectFrom('registrations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  counts.push(performance.now() - began);
}
counts.sort((a, b) => a - b);

server.child.kill('SIGTERM');
await server.exited;
await database.drop();

console.log(`database: ${args.db}; seeded in ${round(seedSeconds)} s; 12-month report cold ${round(coldMs)} ms (server CPU ${round(coldCpuMs)} ms), from the minute's cache p50 ${round(percentile(cached, 50))} ms; select count(*) from registrations median of 5: ${round(percentile(counts, 50))} ms`);
console.log(
  JSON.stringify({
    bench: 'report',
    events: EVENTS,
    registrations: EVENTS * PER_EVENT,
    report_ms: round(coldMs),
    count_ms: round(percentile(counts, 50)),
    report_cpu_ms: round(coldCpuMs),
    cached_report_ms: round(percentile(cached, 50)),
    db: args.db,
  }),
);
