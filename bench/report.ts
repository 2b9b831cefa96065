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
import { percentile, progress, round } from './_util.js';

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
const eventIds = (await db.selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id);

const COUNTRIES = ['BE', 'DE', 'FR', 'ES', 'IT', 'PL', 'SE', 'FI', 'PT', 'NL', 'AT', 'CZ', 'GR', 'IE', 'NO', 'RO'];
const ORG_TYPES = ['industry', 'research', 'university', 'public-body', 'association', 'other', null];
const registrations = Array.from({ length: REGISTRATIONS }, (_, i) => {
  // Each event gets the same share; a person is drawn so that most come to several events.
  const person = (i * 7919) % PEOPLE;
  const email = `person${person}@example.org`;
  const checkedIn = i % 4 !== 0;
  return {
    event_id: eventIds[i % EVENTS],
    email,
    email_normalised: email,
    name: `Person ${person}`,
    organisation: `Organisation ${person % 3000}`,
    organisation_type: pick(ORG_TYPES, person),
    country: pick(COUNTRIES, person),
    answers: '{}',
    mode: i % 3 === 0 ? 'online' : 'in-person',
    status: 'confirmed',
    holds_seat: 1,
    checked_in_at: checkedIn && i % 3 !== 0 ? stamp : null,
    created_at: stamp,
    updated_at: stamp,
  };
});
await bulk('registrations', registrations, 1000);
registrations.length = 0;

// Page views: 730 days × 1,370 paths.
const pathsPerDay = Math.ceil(PAGE_VIEW_DAYS / 730);
for (let d = 0; d < 730; d += 73) {
  const rows: { day: string; path: string; views: number }[] = [];
  for (let day = d; day < d + 73; day++) {
    for (let p = 0; p < pathsPerDay && day * pathsPerDay + p < PAGE_VIEW_DAYS; p++) rows.push({ day: dayOf(now - day * DAY_MS), path: `/news/post-${p}`, views: 1 + ((p * 31 + day) % 50) });
  }
  await bulk('page_views', rows, 5000);
}

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
const server = await startServer({
  DATA_DIR: dataDir,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  SECRET: randomBytes(24).toString('hex'),
  NODE_ENV: 'production',
  RUN_WORKER: 'false',
});

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
const coldMs = await render(twelveMonths);
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

console.log(`database: ${args.db}; seeded in ${round(seedSeconds)} s; 12-month report cold ${round(coldMs)} ms, from the minute's cache p50 ${round(percentile(cached, 50))} ms; select count(*) from registrations median of 5: ${round(percentile(counts, 50))} ms`);
console.log(
  JSON.stringify({
    bench: 'report',
    events: EVENTS,
    registrations: REGISTRATIONS,
    report_ms: round(coldMs),
    count_ms: round(percentile(counts, 50)),
    cached_report_ms: round(percentile(cached, 50)),
    db: args.db,
  }),
);
