// A load-generating process for bench/live.ts (files starting with _ are helpers, not benchmarks).
// It holds SSE connections for its listeners and sends its share of the votes at a steady rate;
// for each listener's own vote it measures the time from sending the vote to the first update
// whose version is at least the version the vote's acknowledgement reported.
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ClientTask {
  base: string;
  code: string;
  questionId: number;
  items: number;
  /** Tokens of the participants this process listens for (each also votes once). */
  listeners: string[];
  /** Every vote this process sends, in order: [token, listener index or -1]. */
  votes: [string, number][];
  /** Votes per second for this process. */
  rate: number;
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

interface Listener {
  sentAt: number;
  /** Version the acknowledgement reported; 0 until it arrives. */
  ack: number;
  done: boolean;
  /** Updates seen since the vote was sent: [version, arrival time]. */
  seen: [number, number][];
}

/**
 * One SSE stream over a plain TCP socket: the load generator skips the HTTP client's parser so
 * that its own CPU stays small next to the server's. The `"v":N` of each update is read from the
 * raw bytes (chunk framing, if any, does not get in the way).
 */
function connect(task: ClientTask, index: number, state: Listener[], onResolve: (ms: number) => void): Promise<void> {
  const target = new URL(task.base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname);
    socket.setNoDelay(true);
    socket.once('error', reject);
    socket.write(`GET /live/${task.code}/events HTTP/1.1\r\nHost: ${target.host}\r\nAccept: text/event-stream\r\n\r\n`);
    let started = false;
    let carry = '';
    socket.on('data', (chunk: Buffer) => {
      if (!started) {
        started = true;
        const head = chunk.toString('latin1', 0, 12);
        if (!head.startsWith('HTTP/1.1 200')) return reject(new Error(`SSE answered ${head}`));
        resolve();
      }
      const listener = state[index];
      // Most streams are not waiting for their own vote: reading the bytes is all they do.
      if (!listener || listener.done) {
        carry = '';
        return;
      }
      const now = performance.now();
      carry += chunk.toString('latin1');
      const end = carry.lastIndexOf('\n\n');
      if (end < 0) return;
      const complete = carry.slice(0, end);
      carry = carry.slice(end + 2);
      let max = -1;
      for (const match of complete.matchAll(/"v":(\d+)/g)) max = Math.max(max, Number(match[1]));
      if (max < 0) return;
      if (listener.ack > 0 && max >= listener.ack) {
        listener.done = true;
        onResolve(now - listener.sentAt);
      } else if (listener.ack === 0) listener.seen.push([max, now]);
    });
  });
}

async function run(task: ClientTask): Promise<ClientReport> {
  const voteAgent = new http.Agent({ keepAlive: true, maxSockets: 48 });
  const state: Listener[] = [];
  const latencies: number[] = [];
  const report: ClientReport = { connected: 0, sent: 0, counted: 0, failed: 0, latencies, missing: 0, firstError: null, cpu: 0, ackP50: 0, ackP99: 0 };
  const acks: number[] = [];
  const onResolve = (ms: number) => latencies.push(ms);

  // Connect in batches so the server's accept backlog is never overrun.
  for (let i = 0; i < task.listeners.length; i += 200) {
    await Promise.all(task.listeners.slice(i, i + 200).map((_, j) => connect(task, i + j, state, onResolve)));
    report.connected = Math.min(task.listeners.length, i + 200);
  }
  process.send!({ type: 'ready', connected: report.connected });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));

  const ranking = Array.from({ length: task.items }, (_, i) => i);
  let inFlight = 0;
  const vote = (token: string, listenerIndex: number) => {
    // Rotate the ranking so the totals move.
    const body = JSON.stringify({ ranking: ranking.map((_, i) => (i + report.sent) % task.items) });
    const sentAt = performance.now();
    if (listenerIndex >= 0) state[listenerIndex] = { sentAt, ack: 0, done: false, seen: [] };
    report.sent += 1;
    inFlight += 1;
    const request = http.request(
      `${task.base}/api/live/${task.code}/questions/${task.questionId}/answer`,
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
            if (listenerIndex >= 0) state[listenerIndex].done = true;
            return;
          }
          report.counted += 1;
          acks.push(performance.now() - sentAt);
          if (listenerIndex < 0) return;
          const listener = state[listenerIndex];
          listener.ack = Number((JSON.parse(text) as { version: number }).version);
          const hit = listener.seen.find(([v]) => v >= listener.ack);
          if (hit && !listener.done) {
            listener.done = true;
            onResolve(hit[1] - listener.sentAt);
          }
          listener.seen = [];
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
  while (state.some((l) => l && !l.done) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  report.missing = state.filter((l) => l && !l.done).length;
  const usage = process.cpuUsage();
  report.cpu = Math.round((usage.user + usage.system) / 1e5) / 10;
  acks.sort((a, b) => a - b);
  report.ackP50 = Math.round(acks[Math.floor(acks.length / 2)] ?? 0);
  report.ackP99 = Math.round(acks[Math.floor(acks.length * 0.99)] ?? 0);
  return report;
}

process.once('message', (task: ClientTask) => {
  run(task).then(
    (report) => process.send!({ type: 'report', report }, () => process.exit(0)),
    (error: Error) => process.send!({ type: 'error', message: error.message }, () => process.exit(1)),
  );
});
