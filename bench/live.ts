// `npm run bench -- live [--participants P] [--rate V] [--duration S] [--clients K]`
//
// P participants hold SSE connections to ONE app process (a child process, so the load generator
// never shares its event loop); votes on an open ranking question arrive over HTTP at V per second
// for S seconds, from max(P, V·S) joined participants (a participant votes once: when V·S > P the
// extra voters do not listen), over keep-alive connections opened before the clock starts. Every
// listener that votes measures the time from sending its vote to the first update on its own stream
// whose version is at least the version its vote's acknowledgement reported, i.e. the first update
// that includes its vote; it reads its stream only while it waits for that (see _live-client.ts).
// The same clients then run against a bare Node.js SSE broadcaster (same URLs, payload shape and
// 100 ms coalescing, no database) with the same P and rate. votes_counted is read from the
// database afterwards.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createEvent } from '../src/modules/events/service.js';
import { addQuestion, createSession, setQuestionState } from '../src/modules/live/service.js';
import type { ClientReport, ClientTask } from './_live-client.js';
import { cpuSeconds, freePort, percentile, round, stopProcess, waitForHttp } from './_util.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    participants: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '20' },
    clients: { type: 'string' },
  },
});
const P = Number(values.participants);
const V = Number(values.rate);
const S = Number(values.duration);
const K = Number(values.clients ?? Math.max(1, Math.ceil(P / 5000)));
const N = Math.round(V * S);
const ITEMS = ['Funding and state aid', 'Skills', 'Regulation', 'Open trade'];
// Phones each have their own connection, so votes must not wait for a free one in the load
// generator: a few hundred per client process cover half a second of stall at 1,000 votes/s.
const VOTE_CONNECTIONS = 256;

const limit = Number(fs.readFileSync('/proc/self/limits', 'utf8').match(/Max open files\s+(\d+)/)?.[1] ?? 1024);
if (P / K + VOTE_CONNECTIONS + 200 > limit || P + K * VOTE_CONNECTIONS + 500 > limit) {
  console.error(`ulimit -n is ${limit}: too low for ${P} participants over ${K} client processes; use --clients or fewer participants.`);
  process.exit(1);
}


function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
function join(base: string, code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}/api/live/${code}/participants`, { method: 'POST', agent }, (response) => {
      let text = '';
      response.on('data', (c: Buffer) => (text += c));
      response.on('end', () => (response.statusCode === 201 ? resolve((JSON.parse(text) as { token: string }).token) : reject(new Error(`join ${response.statusCode} ${text}`))));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Deterministic shuffle, so two runs send the same sequence. */
function shuffle<T>(list: T[], seed = 42): T[] {
  let s = seed;
  for (let i = list.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** Runs the clients against a server, sampling the server's RSS meanwhile. */
async function drive(base: string, code: string, questionId: number, tokens: string[], serverPid: number): Promise<{ reports: ClientReport[]; rss: number; cpu: number }> {
  const clients: ChildProcess[] = [];
  const tasks: ClientTask[] = [];
  for (let k = 0; k < K; k++) {
    const listeners = tokens.slice(0, P).filter((_, i) => i % K === k);
    const votes: [string, number][] = [];
    for (let i = k; i < N; i += K) votes.push([tokens[i], i < P ? Math.floor(i / K) : -1]);
    tasks.push({ base, code, questionId, items: ITEMS.length, listeners, votes: shuffle(votes, 42 + k), rate: V / K, voteConnections: VOTE_CONNECTIONS });
  }
  const ready: Promise<void>[] = [];
  const reports: Promise<ClientReport>[] = [];
  for (const task of tasks) {
    const child = fork(path.join(here, '_live-client.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    clients.push(child);
    ready.push(new Promise((resolve, reject) => child.once('message', (m: { type: string; message?: string }) => (m.type === 'ready' ? resolve() : reject(new Error(m.message))))));
    child.send(task);
  }
  await Promise.all(ready);
  let rss = rssMb(serverPid);
  const cpuBefore = cpuSeconds(serverPid);
  const sampler = setInterval(() => (rss = Math.max(rss, rssMb(serverPid))), 250);
  for (const child of clients) {
    reports.push(new Promise((resolve, reject) => child.once('message', (m: { type: string; report?: ClientReport; message?: string }) => (m.type === 'report' ? resolve(m.report!) : reject(new Error(m.message))))));
    child.send('start');
  }
  const done = await Promise.all(reports);
  clearInterval(sampler);
  return { reports: done, rss, cpu: Math.round((cpuSeconds(serverPid) - cpuBefore) * 10) / 10 };
}

function summarise(reports: ClientReport[]) {
  const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    sent: reports.reduce((s, r) => s + r.sent, 0),
    counted: reports.reduce((s, r) => s + r.counted, 0),
    failed: reports.reduce((s, r) => s + r.failed, 0),
    missing: reports.reduce((s, r) => s + r.missing, 0),
    measured: latencies.length,
    p50: latencies.length ? round(percentile(latencies, 50)) : null,
    p99: latencies.length ? round(percentile(latencies, 99)) : null,
    firstError: reports.find((r) => r.firstError)?.firstError ?? null,
    clientCpu: reports.map((r) => r.cpu),
    ackP50: reports.map((r) => r.ackP50),
    ackP99: reports.map((r) => r.ackP99),
  };
}

// --- the app --------------------------------------------------------------------------------
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-hub-bench-live-'));
const setup = openDatabase({ dataDir });
await migrateToLatest(setup.db);
const eventId = await createEvent(setup.db, { title: 'Benchmark annual meeting', type: 'annual-meeting', format: 'in-person', startsAt: '2024-06-12T08:00:00Z', endsAt: '2024-06-12T16:00:00Z' });
const session = await createSession(setup.db, { eventId, title: 'Benchmark session' });
const question = await addQuestion(setup.db, session.id, { type: 'ranking', prompt: 'Rank the four pillars', options: ITEMS });
await setQuestionState(setup.db, question, 'open');
await setup.close();

const appPort = await freePort();
const appBase = `http://127.0.0.1:${appPort}`;
const app = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
  cwd: root,
  env: { ...process.env, PORT: String(appPort), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', RUN_WORKER: 'false', DATABASE_URL: '', REDIS_URL: '', PAGE_CACHE_SECONDS: '0', LIVE_JOIN_RATE_LIMIT: String(2 * Math.max(P, V * S)) },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let result: Record<string, unknown>;
try {
  await waitForHttp(app, `${appBase}/healthz`, 20_000);
  const joinStart = Date.now();
  const tokens: string[] = [];
  const needed = Math.max(P, N);
  for (let i = 0; i < needed; i += 64) tokens.push(...(await Promise.all(Array.from({ length: Math.min(64, needed - i) }, () => join(appBase, session.code)))));
  console.error(`live bench: ${tokens.length} participants joined in ${((Date.now() - joinStart) / 1000).toFixed(1)} s; ${P} listeners over ${K} client process(es), ${V} votes/s for ${S} s`);
  const appRun = await drive(appBase, session.code, question.id, tokens, app.pid!);
  const appSummary = summarise(appRun.reports);
  await stopProcess(app);
  const check = openDatabase({ dataDir });
  const { n } = await check.db.selectFrom('live_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('question_id', '=', question.id).executeTakeFirstOrThrow();
  await check.close();
  console.error(`live bench app: ${JSON.stringify(appSummary)} rss ${appRun.rss} MB, server CPU ${appRun.cpu} s`);

  // --- the bare reference -------------------------------------------------------------------
  const barePort = await freePort();
  const bare = fork(path.join(here, '_live-bare.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, PORT: String(barePort) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve) => bare.once('message', resolve));
  const bareRun = await drive(`http://127.0.0.1:${barePort}`, session.code, question.id, tokens, bare.pid!);
  const bareSummary = summarise(bareRun.reports);
  await stopProcess(bare);
  console.error(`live bench bare: ${JSON.stringify(bareSummary)} rss ${bareRun.rss} MB, server CPU ${bareRun.cpu} s`);

  result = {
    bench: 'live',
    participants: P,
    votes_sent: appSummary.sent,
    votes_counted: Number(n),
    update_p50_ms: appSummary.p50,
    update_p99_ms: appSummary.p99,
    rss_mb: appRun.rss,
    bare_update_p99_ms: bareSummary.p99,
    bare_update_p50_ms: bareSummary.p50,
    bare_rss_mb: bareRun.rss,
    server_cpu_s: appRun.cpu,
    bare_server_cpu_s: bareRun.cpu,
    rate: V,
    duration_s: S,
    measured_votes: appSummary.measured,
    updates_missing: appSummary.missing,
    votes_refused: appSummary.failed,
    client_processes: K,
  };
} finally {
  await stopProcess(app);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
process.exit(0);
