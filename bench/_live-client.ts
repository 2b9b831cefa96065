// A load-generating process for bench/live.ts (files starting with _ are helpers, not benchmarks).
// It holds SSE connections for its listeners and sends its share of the votes at a steady rate;
// for each listener's own vote it measures the time from sending the vote to the first update
// whose version is at least the version the vote's acknowledgement reported.
//
// The 10,000 phones of a real session read their streams on their own CPUs; here they share the
// server's two cores. So that the measuring side takes as little of them as it can, a listener's
// process reads its stream only while it waits for its vote's update: before it votes and after
// that update has come, the socket is left unread. The connection stays open and the kernel keeps
// receiving and acknowledging every update (the server's writes are the same; a few kilobytes a
// minute wait in the receive buffer), and reading resumes with whatever is buffered.
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { percentile } from './_util.js';

export interface ClientTask {
  /** App instances: listener i connects to bases[i % n], and vote j goes to bases[j % n]. */
  bases: string[];
  code: string;
  questionId: number;
  items: number;
  /** Tokens of the participants this process listens for (each also votes once). */
  listeners: string[];
  /** Every vote this process sends, in order: [token, listener index or -1]. */
  votes: [string, number][];
  /** Votes per second for this process. */
  rate: number;
  /** Keep-alive connections votes are sent over per instance, at most: enough that votes never queue here. */
  voteConnections: number;
}

export interface ClientReport {
  connected: number;
  sent: number;
  counted: number;
  failed: number;
  latencies: number[];
  missing: number;
  firstError: string | null;
  /** CPU seconds this client process used. */
  cpu: number;
  /** Vote round trips (ms), sorted. */
  ackP50: number;
  ackP99: number;
}

/** A listener's own vote, from sending it until an update that includes it arrives. */
interface Wait {
  sentAt: number;
  /** Version the acknowledgement reported; 0 until it arrives. */
  ack: number;
  /** Updates seen before the acknowledgement came: [version, arrival time]. */
  seen: [number, number][];
  /** Bytes of an update split across reads. */
  carry: string;
}

interface Listener {
  socket: net.Socket;
  wait: Wait | null;
}

/** One read buffer for every socket: each read is handled before the next one is made. */
const readBuffer = Buffer.alloc(64 * 1024);
const VERSION = /"v":(\d+)/g;

/** The highest `"v":N` among the complete updates of a waiting listener's stream so far, or -1. */
function newestVersion(wait: Wait, bytes: number): number {
  wait.carry += readBuffer.toString('latin1', 0, bytes);
  const end = wait.carry.lastIndexOf('\n\n');
  if (end < 0) return -1;
  const complete = wait.carry.slice(0, end);
  wait.carry = wait.carry.slice(end + 2);
  let newest = -1;
  for (const match of complete.matchAll(VERSION)) newest = Math.max(newest, Number(match[1]));
  return newest;
}

/**
 * One SSE stream over a plain TCP socket (no HTTP client parser), read into the shared buffer.
 * `onUpdate` gets the newest version of each read that completes an update while the listener
 * waits; returning false from the read callback stops reading until the listener votes.
 */
function connect(task: ClientTask, base: string, listener: () => Listener | undefined, onUpdate: (listener: Listener, version: number, at: number) => void): Promise<net.Socket> {
  const target = new URL(base);
  return new Promise((resolve, reject) => {
    let started = false;
    const socket = net.connect({
      port: Number(target.port),
      host: target.hostname,
      onread: {
        buffer: readBuffer,
        callback: (bytes) => {
          if (!started) {
            started = true;
            const head = readBuffer.toString('latin1', 0, 12);
            if (!head.startsWith('HTTP/1.1 200')) reject(new Error(`SSE answered ${head}`));
            else resolve(socket);
            return false;
          }
          const current = listener();
          if (!current?.wait) return false;
          const at = performance.now();
          const version = newestVersion(current.wait, bytes);
          if (version >= 0) onUpdate(current, version, at);
          return current.wait !== null;
        },
      },
    });
    socket.setNoDelay(true);
    socket.once('error', reject);
    socket.write(`GET /live/${task.code}/events HTTP/1.1\r\nHost: ${target.host}\r\nAccept: text/event-stream\r\n\r\n`);
  });
}

/**
 * Opens the vote connections before the clock starts, as phones would have theirs from loading the
 * page. Otherwise they would open during the run, and Node accepts one connection per turn of its
 * event loop: behind a long round of writes, votes would queue for connections, not for the app.
 */
async function openVoteConnections(task: ClientTask, agent: http.Agent): Promise<void> {
  const opened = task.bases.flatMap((base) =>
    Array.from(
      { length: task.voteConnections },
      () =>
        new Promise<void>((resolve, reject) => {
          http.get(`${base}/healthz`, { agent }, (response) => response.resume().once('end', resolve)).once('error', reject);
        }),
    ),
  );
  await Promise.all(opened);
}

async function run(task: ClientTask): Promise<ClientReport> {
  // FIFO keeps every connection in turn busy, so none idles into the server's keep-alive timeout.
  const voteAgent = new http.Agent({ keepAlive: true, maxSockets: task.voteConnections, scheduling: 'fifo' });
  const listeners: Listener[] = [];
  const latencies: number[] = [];
  const report: ClientReport = { connected: 0, sent: 0, counted: 0, failed: 0, latencies, missing: 0, firstError: null, cpu: 0, ackP50: 0, ackP99: 0 };
  const acks: number[] = [];
  let waiting = 0;

  const resolveWait = (listener: Listener, at: number) => {
    latencies.push(at - listener.wait!.sentAt);
    listener.wait = null;
    waiting -= 1;
    listener.socket.pause();
  };
  const onUpdate = (listener: Listener, version: number, at: number) => {
    const wait = listener.wait!;
    if (wait.ack > 0) {
      if (version >= wait.ack) resolveWait(listener, at);
    } else wait.seen.push([version, at]);
  };

  // Connect in batches so the server's accept backlog is never overrun.
  for (let i = 0; i < task.listeners.length; i += 200) {
    const batch = task.listeners.slice(i, i + 200).map((_, j) => connect(task, task.bases[(i + j) % task.bases.length], () => listeners[i + j], onUpdate));
    for (const socket of await Promise.all(batch)) listeners.push({ socket, wait: null });
    report.connected = listeners.length;
  }
  await openVoteConnections(task, voteAgent);
  process.send!({ type: 'ready', connected: report.connected });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));

  const ranking = Array.from({ length: task.items }, (_, i) => i);
  let inFlight = 0;
  const vote = (token: string, listenerIndex: number) => {
    // Rotate the ranking so the totals move.
    const body = JSON.stringify({ ranking: ranking.map((_, i) => (i + report.sent) % task.items) });
    const base = task.bases[report.sent % task.bases.length];
    const sentAt = performance.now();
    const listener = listenerIndex >= 0 ? listeners[listenerIndex] : undefined;
    if (listener) {
      listener.wait = { sentAt, ack: 0, seen: [], carry: '' };
      waiting += 1;
      listener.socket.resume();
    }
    report.sent += 1;
    inFlight += 1;
    const request = http.request(
      `${base}/api/live/${task.code}/questions/${task.questionId}/answer`,
      { method: 'POST', agent: voteAgent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-live-token': token } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (c: string) => (text += c));
        response.on('end', () => {
          inFlight -= 1;
          if (response.statusCode !== 200) {
            report.failed += 1;
            report.firstError ??= `${response.statusCode} ${text.slice(0, 200)}`;
            if (listener?.wait) {
              listener.wait = null;
              waiting -= 1;
              listener.socket.pause();
            }
            return;
          }
          report.counted += 1;
          acks.push(performance.now() - sentAt);
          const wait = listener?.wait;
          if (!wait) return;
          wait.ack = Number((JSON.parse(text) as { version: number }).version);
          // The update may have come before the acknowledgement.
          const first = wait.seen.find(([version]) => version >= wait.ack);
          if (first) resolveWait(listener, first[1]);
        });
      },
    );
    request.on('error', (error) => {
      inFlight -= 1;
      report.failed += 1;
      report.firstError ??= error.message;
    });
    request.end(body);
  };

  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(task.votes.length, Math.floor(((performance.now() - start) / 1000) * task.rate));
      while (next < due) {
        const [token, listenerIndex] = task.votes[next++];
        vote(token, listenerIndex);
      }
      if (next >= task.votes.length) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  // Every vote gets its answer (so counted = sent unless refused), however late; then updates get 5 s more.
  const ackDeadline = performance.now() + 300_000;
  while (inFlight > 0 && performance.now() < ackDeadline) await new Promise((r) => setTimeout(r, 50));
  const deadline = performance.now() + 5000;
  while (waiting > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  report.missing = waiting;
  const usage = process.cpuUsage();
  report.cpu = Math.round((usage.user + usage.system) / 1e5) / 10;
  acks.sort((a, b) => a - b);
  report.ackP50 = Math.round(percentile(acks, 50));
  report.ackP99 = Math.round(percentile(acks, 99));
  return report;
}

process.once('message', (task: ClientTask) => {
  run(task).then(
    (report) => process.send!({ type: 'report', report }, () => process.exit(0)),
    (error: Error) => process.send!({ type: 'error', message: error.message }, () => process.exit(1)),
  );
});
