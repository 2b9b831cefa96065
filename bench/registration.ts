// `npm run bench -- registration [--db postgres] [--attempts N] [--concurrency N] [--capacity N] [--no-worker]`
// 5,000 registration attempts over HTTP into the real server (a child process on a fresh database),
// 200 at a time, for an event with 300 in-person places; then a raw single-row insert loop on the
// same database as the reference. The last line is one JSON object.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createTestDatabase } from '../test/helpers/database.js';
import { startServer } from './_child-server.js';
import { checkRegistrations, prepareRegistrationEvent, registrationBurst, timedRun } from './_registration-load.js';
import { cpuSeconds } from './_util.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    attempts: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '200' },
    capacity: { type: 'string', default: '300' },
    // Web instance only, as when the worker runs in another process (RUN_WORKER=false).
    'no-worker': { type: 'boolean', default: false },
  },
});
const attempts = Number(args.attempts);
const concurrency = Number(args.concurrency);
const capacity = Number(args.capacity);

if (args.db === 'postgres') {
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}
const database = await createTestDatabase(args.db === 'postgres' ? 'postgres' : 'sqlite');
const { dataDir, databaseUrl } = database;

// A fresh database with one in-person event taking registrations now.
const setup = database.handle;
const eventId = await prepareRegistrationEvent(setup.db, 'benchmark-symposium', capacity);

const server = await startServer({
  DATA_DIR: dataDir,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  SECRET: randomBytes(24).toString('hex'),
  // The per-address limit stays on the path, set above what one benchmark client sends.
  REGISTRATION_RATE_LIMIT: String(attempts * 10),
  NODE_ENV: 'production',
  ...(args['no-worker'] ? { RUN_WORKER: 'false' } : {}),
});

// Same client, same server, a route that does no work: how fast HTTP alone goes on this machine now.
const baseline = await timedRun({ url: server.url, connections: concurrency, amount: attempts }, { method: 'GET', path: '/api/csrf-token' });

// The server's own CPU per registration is steadier than a rate on a shared machine: it compares changes.
const cpuBefore = cpuSeconds(server.child.pid!);
const { acknowledged, statuses, seconds, p99 } = await registrationBurst([server.url], 'benchmark-symposium', attempts, concurrency);
const cpuPerRegistration = ((cpuSeconds(server.child.pid!) - cpuBefore) * 1000) / attempts;
server.child.kill('SIGTERM');
await server.exited;

// Count what the database holds, then time a raw single-row insert loop on the same database.
const check = database.handle;
const { confirmed, waitlisted, duplicates, lost, taken } = await checkRegistrations(check.db, eventId, acknowledged);

let rawPerSecond: number;
const rawRows = 5000;
if (check.sqlite) {
  check.sqlite.exec('create table bench_raw (id integer primary key autoincrement, email text not null, created_at text not null)');
  const insert = check.sqlite.prepare('insert into bench_raw (email, created_at) values (?, ?)');
  const t0 = performance.now();
  for (let i = 0; i < rawRows; i++) insert.run(`raw${i}@bench.example`, new Date().toISOString());
  rawPerSecond = rawRows / ((performance.now() - t0) / 1000);
} else {
  const client = await check.pool!.connect();
  await client.query('create table bench_raw (id serial primary key, email text not null, created_at text not null)');
  const t0 = performance.now();
  for (let i = 0; i < rawRows; i++) await client.query('insert into bench_raw (email, created_at) values ($1, $2)', [`raw${i}@bench.example`, new Date().toISOString()]);
  rawPerSecond = rawRows / ((performance.now() - t0) / 1000);
  client.release();
}
await database.drop();

console.log(`database: ${args.db}; HTTP statuses: ${JSON.stringify(Object.fromEntries(statuses))}; pool taken: ${taken}; ${seconds.toFixed(2)} s; server CPU ${cpuPerRegistration.toFixed(3)} ms per registration during the burst`);
console.log(`reference: GET /api/csrf-token on the same server and client: ${Math.round(attempts / baseline.seconds)} req/s, p99 ${baseline.result.latency.p99} ms`);
console.log(
  JSON.stringify({
    bench: 'registration',
    attempts,
    capacity,
    confirmed,
    waitlisted,
    duplicates,
    lost,
    reg_per_s: Math.round(attempts / seconds),
    p99_ms: p99,
    raw_insert_per_s: Math.round(rawPerSecond),
  }),
);
