// The live benchmark's load, shared by bench/live.ts and bench/scale.ts: a session with an open
// ranking question, participants joined over HTTP, and client processes (_live-client.ts) that hold
// the listeners' streams and send the votes, split across one or more app instances.
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/types.js';
import { createEvent } from '../src/modules/events/service.js';
import { addQuestion, createSession, setQuestionState } from '../src/modules/live/service.js';
import type { ClientReport, ClientTask } from './_live-client.js';
import { cpuSeconds, percentile, round } from './_util.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ITEMS = ['Funding and state aid', 'Skills', 'Regulation', 'Open trade'];
// Phones each have their own connection, so votes must not wait for a free one in the load
// generator: a few hundred per client process and instance cover half a second of stall at 1,000 votes/s.
const VOTE_CONNECTIONS = 256;

/** P listeners over K client processes, V votes a second for S seconds. */
export interface LiveLoad {
  participants: number;
  rate: number;
  seconds: number;
  clients: number;
}

export const defaultClients = (participants: number) => Math.max(1, Math.ceil(participants / 5000));
const votesOf = (load: LiveLoad) => Math.round(load.rate * load.seconds);
/** Participants to join: every listener votes once, and when V·S > P the extra voters do not listen. */
export const joinersOf = (load: LiveLoad) => Math.max(load.participants, votesOf(load));

/** Exits with a message when the open-file limit cannot hold the load's sockets. */
export function checkOpenFiles(load: LiveLoad, instances: number): void {
  const limit = Number(fs.readFileSync('/proc/self/limits', 'utf8').match(/Max open files\s+(\d+)/)?.[1] ?? 1024);
  const votes = instances * VOTE_CONNECTIONS;
  if (load.participants / load.clients + votes + 200 > limit || load.participants + load.clients * votes + 500 > limit) {
    console.error(`ulimit -n is ${limit}: too low for ${load.participants} participants over ${load.clients} client processes; use --clients or fewer participants.`);
    process.exit(1);
  }
}

/** A session with an open ranking question of four items. */
export async function prepareLiveSession(db: Kysely<Database>, title = 'Benchmark session'): Promise<{ code: string; questionId: number }> {
  const eventId = await createEvent(db, { title: `${title} event`, type: 'annual-meeting', format: 'in-person', startsAt: '2024-06-12T08:00:00Z', endsAt: '2024-06-12T16:00:00Z' });
  const session = await createSession(db, { eventId, title });
  const question = await addQuestion(db, session.id, { type: 'ranking', prompt: 'Rank the four pillars', options: ITEMS });
  await setQuestionState(db, question, 'open');
  return { code: session.code, questionId: question.id };
}

const joinAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
function join(base: string, code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}/api/live/${code}/participants`, { method: 'POST', agent: joinAgent }, (response) => {
      let text = '';
      response.on('data', (c: Buffer) => (text += c));
      response.on('end', () => (response.statusCode === 201 ? resolve((JSON.parse(text) as { token: string }).token) : reject(new Error(`join ${response.statusCode} ${text}`))));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Joins `count` participants, 64 at a time, spread over the instances. */
export async function joinParticipants(bases: string[], code: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 64) tokens.push(...(await Promise.all(Array.from({ length: Math.min(64, count - i) }, (_, j) => join(bases[(i + j) % bases.length], code)))));
  return tokens;
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

function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

export interface LiveRun {
  reports: ClientReport[];
  /** Peak resident memory, summed over the servers (MB). */
  rss: number;
  /** CPU seconds the servers used during the run, summed. */
  cpu: number;
}

/** Runs the clients against the servers at `bases` (process ids `pids`), sampling the servers' RSS meanwhile. */
export async function driveLive(load: LiveLoad, bases: string[], session: { code: string; questionId: number }, tokens: string[], pids: number[]): Promise<LiveRun> {
  const { participants: P, clients: K } = load;
  const N = votesOf(load);
  const clients: ChildProcess[] = [];
  const tasks: ClientTask[] = [];
  for (let k = 0; k < K; k++) {
    const listeners = tokens.slice(0, P).filter((_, i) => i % K === k);
    const votes: [string, number][] = [];
    for (let i = k; i < N; i += K) votes.push([tokens[i], i < P ? Math.floor(i / K) : -1]);
    tasks.push({ bases, code: session.code, questionId: session.questionId, items: ITEMS.length, listeners, votes: shuffle(votes, 42 + k), rate: load.rate / K, voteConnections: VOTE_CONNECTIONS });
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
  const totalRss = () => pids.reduce((sum, pid) => sum + rssMb(pid), 0);
  const totalCpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  let rss = totalRss();
  const cpuBefore = totalCpu();
  const sampler = setInterval(() => (rss = Math.max(rss, totalRss())), 250);
  for (const child of clients) {
    reports.push(new Promise((resolve, reject) => child.once('message', (m: { type: string; report?: ClientReport; message?: string }) => (m.type === 'report' ? resolve(m.report!) : reject(new Error(m.message))))));
    child.send('start');
  }
  const done = await Promise.all(reports);
  clearInterval(sampler);
  return { reports: done, rss, cpu: round(totalCpu() - cpuBefore) };
}

export function summariseLive(reports: ClientReport[]) {
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

/** Answers stored for the question: the votes that were counted. */
export async function countAnswers(db: Kysely<Database>, questionId: number): Promise<number> {
  const { n } = await db.selectFrom('live_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('question_id', '=', questionId).executeTakeFirstOrThrow();
  return Number(n);
}
