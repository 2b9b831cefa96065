// `npm run bench -- live [--participants P] [--rate V] [--duration S] [--clients K] [--bus memory|redis]`
//
// P participants hold SSE connections to the app; votes on an open ranking question arrive over
// HTTP at V per second for S seconds, from max(P, V·S) joined participants (a participant votes
// once: when V·S > P the extra voters do not listen), over keep-alive connections opened before the
// clock starts. Every listener that votes measures the time from sending its vote to the first
// update on its own stream whose version is at least the version its vote's acknowledgement
// reported, i.e. the first update that includes its vote; it reads its stream only while it waits
// for that (see _live-client.ts).
//
// --bus memory (the default): ONE app process on SQLite with the in-process bus.
// --bus redis: TWO app processes on one PostgreSQL database (BENCH_DATABASE_URL) with REDIS_URL
// (BENCH_REDIS_URL, default redis://127.0.0.1:6379), as docs/OPERATIONS.md describes scaling out:
// listeners are split across both and votes go to them in turn, so half the votes reach a listener
// through the other instance and Redis. There a vote's acknowledgement names its answer's id and
// an update carries the newest id its recount saw; PostgreSQL may make an answer visible a moment
// after one with a higher id, so a rare vote can be judged shown one round early.
//
// The same clients then run against a bare Node.js SSE broadcaster (same URLs, payload shape and
// 100 ms coalescing, no database, one process) with the same P and rate. votes_counted is read
// from the database afterwards.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTestDatabase } from '../test/helpers/database.js';
import { type ChildServer, startServer } from './_child-server.js';
import { checkOpenFiles, countAnswers, defaultClients, driveLive, joinersOf, joinParticipants, type LiveLoad, prepareLiveSession, summariseLive } from './_live-load.js';
import { freePort, progress, stopProcess } from './_util.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    participants: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '20' },
    clients: { type: 'string' },
    bus: { type: 'string', default: 'memory' },
  },
});
if (values.bus !== 'memory' && values.bus !== 'redis') {
  console.error('--bus is memory or redis');
  process.exit(1);
}
const redis = values.bus === 'redis';
const P = Number(values.participants);
const load: LiveLoad = { participants: P, rate: Number(values.rate), seconds: Number(values.duration), clients: Number(values.clients ?? defaultClients(P)) };
const instances = redis ? 2 : 1;
checkOpenFiles(load, instances);

if (redis) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = await createTestDatabase(redis ? 'postgres' : 'sqlite');
const session = await prepareLiveSession(database.handle.db);

const env = {
  DATA_DIR: database.dataDir,
  DATABASE_URL: database.databaseUrl ?? '',
  REDIS_URL: redis ? (process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379') : '',
  RUN_WORKER: 'false',
  PAGE_CACHE_SECONDS: '0',
  LIVE_JOIN_RATE_LIMIT: String(2 * joinersOf(load)),
};
const servers: ChildServer[] = [];
let result: Record<string, unknown>;
try {
  for (let i = 0; i < instances; i++) servers.push(await startServer(env));
  const bases = servers.map((s) => s.url);
  const joinStart = Date.now();
  const tokens = await joinParticipants(bases, session.code, joinersOf(load));
  progress(`live bench: ${tokens.length} participants joined in ${((Date.now() - joinStart) / 1000).toFixed(1)} s; ${P} listeners over ${load.clients} client process(es) and ${instances} instance(s), ${load.rate} votes/s for ${load.seconds} s`);
  const appRun = await driveLive(load, bases, session, tokens, servers.map((s) => s.child.pid!));
  const appSummary = summariseLive(appRun.reports);
  for (const server of servers) await stopProcess(server.child);
  const counted = await countAnswers(database.handle.db, session.questionId);
  progress(`live bench app: ${JSON.stringify(appSummary)} rss ${appRun.rss} MB, server CPU ${appRun.cpu} s`);

  // --- the bare reference -------------------------------------------------------------------
  const barePort = await freePort();
  const bare = fork(path.join(here, '_live-bare.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, PORT: String(barePort) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve) => bare.once('message', resolve));
  const bareRun = await driveLive(load, [`http://127.0.0.1:${barePort}`], session, tokens, [bare.pid!]);
  const bareSummary = summariseLive(bareRun.reports);
  await stopProcess(bare);
  progress(`live bench bare: ${JSON.stringify(bareSummary)} rss ${bareRun.rss} MB, server CPU ${bareRun.cpu} s`);

  result = {
    bench: 'live',
    bus: values.bus,
    instances,
    participants: P,
    votes_sent: appSummary.sent,
    votes_counted: counted,
    update_p50_ms: appSummary.p50,
    update_p99_ms: appSummary.p99,
    rss_mb: appRun.rss,
    bare_update_p99_ms: bareSummary.p99,
    bare_update_p50_ms: bareSummary.p50,
    bare_rss_mb: bareRun.rss,
    server_cpu_s: appRun.cpu,
    bare_server_cpu_s: bareRun.cpu,
    rate: load.rate,
    duration_s: load.seconds,
    measured_votes: appSummary.measured,
    updates_missing: appSummary.missing,
    votes_refused: appSummary.failed,
    client_processes: load.clients,
  };
} finally {
  for (const server of servers) await stopProcess(server.child);
  await database.drop();
}
console.log(JSON.stringify(result));
process.exit(0);
