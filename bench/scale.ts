// `npm run bench -- scale [--seconds S] [--connections C] [--attempts N] [--concurrency N] [--participants P] [--rate V] [--duration S]`
//
// Scaling out as docs/OPERATIONS.md describes it: app instances (the production build) on one
// PostgreSQL database (BENCH_DATABASE_URL) with Redis (BENCH_REDIS_URL, default
// redis://127.0.0.1:6379), the worker running on the first only. The same traffic runs first
// against ONE instance, then, once a second has started, split evenly across TWO:
// - pages: the event page without the page cache (PAGE_CACHE_SECONDS=0: a signed-in person, or
//   the first visitor after each expiry), C connections for S seconds (autocannon), as bench/pages.ts;
// - registration: N attempts, C' at a time, for an event with 300 places, as bench/registration.ts
//   (one event per phase, so each starts empty);
// - live: P listeners and V votes a second for S seconds on an open ranking question, as
//   bench/live.ts (one session per phase); votes go to the instances in turn.
// The reference is a bare node:http server returning a page of the event page's size, measured
// with the same connections in each phase. The load generators run on the same machine, and on a
// 2-core machine two instances share those cores with them: see the README.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createTestDatabase } from '../test/helpers/database.js';
import { countAnswers, defaultClients, driveLive, joinersOf, joinParticipants, type LiveLoad, prepareLiveSession, summariseLive } from './_live-load.js';
import { EVENT_PATH, measurePages, preparePagesData, startBarePage } from './_pages-load.js';
import { checkRegistrations, prepareRegistrationEvent, registrationBurst } from './_registration-load.js';
import { freePort, progress, round, startProcess, stopProcess } from './_util.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '64' },
    attempts: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '200' },
    participants: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '500' },
    duration: { type: 'string', default: '10' },
  },
});
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const attempts = Number(args.attempts);
const concurrency = Number(args.concurrency);
const CAPACITY = 300;
const participants = Number(args.participants);
const load: LiveLoad = { participants, rate: Number(args.rate), seconds: Number(args.duration), clients: defaultClients(participants) };

progress('bench scale: production build');
execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = await createTestDatabase('postgres');
const { db } = database.handle;
await preparePagesData(db);
const phases = [1, 2].map((n) => ({ slug: `scale-symposium-${n}`, n }));
const events = await Promise.all(phases.map((p) => prepareRegistrationEvent(db, p.slug, CAPACITY)));
const sessions = [await prepareLiveSession(db, 'Scale session one'), await prepareLiveSession(db, 'Scale session two')];

const env = {
  DATA_DIR: database.dataDir,
  DATABASE_URL: database.databaseUrl!,
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  // Every instance signs with the same secret, so a CSRF token from one is good on the other.
  SECRET: randomBytes(24).toString('hex'),
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  PAGE_CACHE_SECONDS: '0',
  REGISTRATION_RATE_LIMIT: String(attempts * 10),
  LIVE_JOIN_RATE_LIMIT: String(4 * joinersOf(load)),
};
async function startInstance(runWorker: boolean) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startProcess('node', ['dist/main.js', 'serve'], { ...env, PORT: String(port), BASE_URL: url, RUN_WORKER: String(runWorker) }, `${url}/healthz`);
  return { url, child };
}

const instances = [await startInstance(true)];
const eventPage = await (await fetch(instances[0].url + EVENT_PATH)).text();
const bare = await startBarePage(Buffer.byteLength(eventPage));

/** One phase's traffic, split evenly across the running instances. */
async function phase(index: number) {
  const bases = instances.map((i) => i.url);
  const label = `${bases.length} instance${bases.length > 1 ? 's' : ''}`;
  progress(`bench scale: ${label}: bare server`);
  const bareRun = await measurePages([bare.url], connections, seconds);
  progress(`bench scale: ${label}: event page without the page cache`);
  const pages = await measurePages(
    bases.map((b) => b + EVENT_PATH),
    connections,
    seconds,
  );
  progress(`bench scale: ${label}: ${attempts} registrations`);
  const burst = await registrationBurst(bases, phases[index].slug, attempts, concurrency, index * attempts);
  const seats = await checkRegistrations(db, events[index], burst.acknowledged);
  progress(`bench scale: ${label}: live, ${participants} listeners, ${load.rate} votes/s`);
  const session = sessions[index];
  const tokens = await joinParticipants(bases, session.code, joinersOf(load));
  const live = summariseLive((await driveLive(load, bases, session, tokens, instances.map((i) => i.child.pid!))).reports);
  const counted = await countAnswers(db, session.questionId);
  progress(`bench scale: ${label}: pages ${JSON.stringify(pages)}, registration ${JSON.stringify(seats)} in ${burst.seconds.toFixed(2)} s, live ${JSON.stringify(live)}`);
  return { bareRps: bareRun.rps, pages, burst, seats, live, counted, loadAverage: os.loadavg()[0] };
}

let result: Record<string, unknown>;
try {
  for (const path of ['/', EVENT_PATH]) await measurePages([instances[0].url + path], 8, 1); // warm up
  const one = await phase(0);
  instances.push(await startInstance(false));
  await measurePages([instances[1].url + EVENT_PATH], 8, 1);
  const two = await phase(1);
  const exact = one.seats.confirmed === CAPACITY && two.seats.confirmed === CAPACITY && one.seats.taken === CAPACITY && two.seats.taken === CAPACITY;
  result = {
    bench: 'scale',
    instances: 2,
    cores: os.cpus().length,
    pages_rps_one: round(one.pages.rps, 0),
    pages_rps_two: round(two.pages.rps, 0),
    pages_p99_ms_one: one.pages.p99,
    pages_p99_ms_two: two.pages.p99,
    reg_per_s_one: Math.round(attempts / one.burst.seconds),
    reg_per_s_two: Math.round(attempts / two.burst.seconds),
    reg_p99_ms_one: one.burst.p99,
    reg_p99_ms_two: two.burst.p99,
    reg_seats_exact: exact,
    reg_lost: one.seats.lost + two.seats.lost,
    live_update_p99_ms_one: one.live.p99,
    live_update_p99_ms_two: two.live.p99,
    live_votes_counted_one: one.counted,
    live_votes_counted_two: two.counted,
    live_votes_sent: one.live.sent + two.live.sent,
    bare_rps: round((one.bareRps + two.bareRps) / 2, 0),
    errors: one.pages.errors + two.pages.errors,
    load_average_one: round(one.loadAverage, 1),
    load_average_two: round(two.loadAverage, 1),
  };
} finally {
  for (const instance of instances) await stopProcess(instance.child);
  await stopProcess(bare.child);
  await database.drop();
}
console.log(JSON.stringify(result));
process.exit(0);
