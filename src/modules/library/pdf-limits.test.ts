import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csrfPair, startServer, type ChildServer } from '../../../bench/_child-server.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test/helpers/app.js';
import { makeFlateBombPdf, makeManyPagePdf, makePdf } from '../../../test/helpers/library-files.js';
import { SESSION_COOKIE } from '../../lib/auth.js';
import { createSession, createUser } from '../accounts/service.js';
import { createProject } from '../directory/service.js';

const MB = 1024 * 1024;
/** A control server slower than this to say "ok" means the machine, not the hub, was stalled. */
const MACHINE_STALL_MS = 50;

/** Resident memory of a process, now and at its peak (Linux: /proc/PID/status). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))![1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

interface HealthReport {
  rounds: number;
  /** The hub's answer times in the rounds in which the machine itself was not stalled. */
  latencies: number[];
  failures: string[];
}

/**
 * Asks the hub's /healthz every 10 ms, from a thread of its own so that the test's own work (building
 * and sending 15 MB of multipart) never delays a question. Each question goes together with one to a
 * control: a bare HTTP server in a process of its own. On a shared machine every process is now and
 * then left waiting for a CPU; a round in which the control was slow too says nothing about the hub
 * and is not counted. A hub that stalls on its own (its event loop busy with a PDF) is slow while the
 * control is quick, and is counted.
 */
function pollHealth(url: string, controlUrl: string) {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
    let polling = true;
    const report = { rounds: 0, latencies: [], failures: [] };
    parentPort.once('message', () => (polling = false));
    async function timed(address) {
      const started = performance.now();
      const response = await fetch(address);
      await response.arrayBuffer();
      if (response.status !== 200) report.failures.push(address + ' answered ' + response.status);
      return performance.now() - started;
    }
    (async () => {
      while (polling) {
        try {
          const [hub, control] = await Promise.all([timed(workerData.url + '/healthz'), timed(workerData.controlUrl)]);
          report.rounds++;
          if (control < ${MACHINE_STALL_MS}) report.latencies.push(hub);
        } catch (error) {
          report.failures.push(String(error));
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      parentPort.postMessage(report);
    })();`,
    { eval: true, workerData: { url, controlUrl } },
  );
  return {
    stop: () =>
      new Promise<HealthReport>((resolve) => {
        worker.once('message', (report: HealthReport) => void worker.terminate().then(() => resolve(report)));
        worker.postMessage('stop');
      }),
  };
}

/** A bare HTTP server in a process of its own, to tell the machine's stalls from the hub's. */
async function startControlServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log(this.address().port); })"], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [port] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: `http://127.0.0.1:${String(port).trim()}/`, child };
}

// The real server in its own process, so that its /healthz and its memory are measured as a person
// and the operating system see them, with the job worker reading each PDF as it does in production.
describeEachDatabase('a hostile PDF cannot stop the hub', (dialect) => {
  let database: TestDatabase;
  let server: ChildServer | undefined;
  let control: { child: ChildProcess } | undefined;
  let cookie: string;
  let projectId: number;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const db = database.handle.db;
    projectId = await createProject(db, { acronym: 'HEAVY', title: 'A project with heavy documents' });
    const userId = await createUser(db, { email: 'heavy-editor@example.org', name: 'Heavy Editor', role: 'editor', projectIds: [projectId] });
    cookie = `${SESSION_COOKIE}=${(await createSession(db, userId)).token}`;
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    control?.child.kill('SIGKILL');
    await database?.drop();
  });

  it('keeps /healthz answering within 100 ms and memory under 1 GB while it reads 100,000 pages and a flate bomb', { timeout: 240_000 }, async () => {
    const many = makeManyPagePdf(100_000);
    const bomb = makeFlateBombPdf(400);
    expect(many.length).toBeGreaterThan(14 * MB);
    expect(bomb.length).toBeLessThan(MB);
    server = await startServer({ DATA_DIR: database.dataDir, ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) });
    const { url, child } = server;
    const csrf = await csrfPair(url);
    const headers = { cookie: `${cookie}; ${csrf.cookie}` };

    async function uploadAndWait(title: string, data: Buffer): Promise<{ page: string; edit: string; url: string }> {
      const body = new FormData();
      body.append('_csrf', csrf.token);
      body.append('title', title);
      body.append('attach', `project:${projectId}`);
      body.append('file', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), `${title}.pdf`);
      const response = await fetch(`${url}/admin/library`, { method: 'POST', body, headers, redirect: 'manual' });
      expect(response.status, await response.text()).toBe(303);
      const documentUrl = response.headers.get('location')!;
      // The upload answers before the text is read: a job reads it, within its limits.
      for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
        const page = await (await fetch(`${url}${documentUrl}`, { headers })).text();
        if (!page.includes('text being read for search')) {
          return { page, edit: await (await fetch(`${url}/admin${documentUrl}`, { headers })).text(), url: documentUrl };
        }
      }
      throw new Error(`the text of ${title} was still being read after two minutes`);
    }

    async function uploadAll() {
      for (const [title, data] of [
        ['hundred-thousand-pages', many],
        ['flate-bomb', bomb],
      ] as const) {
        const document = await uploadAndWait(title, data);
        expect(document.page).toContain('text not extracted');
        expect(document.edit).toContain('Text not extracted.');
        const download = await fetch(`${url}${document.url}/download`, { headers });
        expect(download.status).toBe(200);
        expect(Buffer.from(await download.arrayBuffer()).equals(data)).toBe(true);
      }
      const normal = await uploadAndWait('normal', makePdf(['An ordinary report', 'about petalite concentrates']));
      expect(normal.page).toContain('text indexed for search');
      const search = (await (await fetch(`${url}/api/v1/search?q=petalite`)).json()) as { results: { url: string }[] };
      expect(search.results.map((r) => r.url)).toContain(normal.url);
    }

    const controlServer = await startControlServer();
    control = controlServer;
    const poller = pollHealth(url, controlServer.url);
    const failed = await uploadAll().then(() => null, (error: unknown) => error);
    const health = await poller.stop();
    if (failed) throw failed;

    const { peak } = memoryOf(child.pid!);
    const sorted = [...health.latencies].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)];
    const p99 = sorted[Math.floor(sorted.length * 0.99)];
    const slowest = sorted[sorted.length - 1];
    console.log(
      `[${dialect}] /healthz: ${health.rounds} answers, ${sorted.length} while the machine was not stalled: p95 ${p95.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms; server RSS peak ${(peak / MB).toFixed(0)} MB`,
    );
    expect(child.exitCode).toBeNull();
    expect(health.failures).toEqual([]);
    expect(sorted.length).toBeGreaterThan(health.rounds / 2);
    // Within 100 ms: 95 answers in 100 are. The rest allows for what no server escapes on a machine
    // shared by many processes (the idle hub, no upload at all, pauses 100–200 ms now and then on a
    // CPU-starved test machine: garbage collection), while reading a PDF on the event loop stalled it
    // for seconds and a 100,000-page PDF killed it.
    expect(p95).toBeLessThan(100);
    expect(slowest).toBeLessThan(1000);
    expect(peak).toBeLessThan(1024 * MB);
  });
});
