// Public pages under load: the production build on SQLite with a large data set, measured with autocannon at
// 64 connections against /, an event page and /news, alternating with a bare Node.js server that returns a
// static page of the same size, in the same run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { EVENT_PATH, measurePages, preparePagesData, startBarePage } from './_pages-load.js';
import { freePort, progress, round, startProcess, stopProcess } from './_util.js';

const { values: options } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, connections: { type: 'string', default: '64' } } });
const seconds = Number(options.seconds);
const connections = Number(options.connections);

const measure = (url: string) => measurePages([url], connections, seconds);

async function main() {
  progress('bench pages: production build');
  execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-hub-bench-pages-'));
  const handle = openDatabase({ dataDir });
  await migrateToLatest(handle.db);
  await preparePagesData(handle.db);
  await handle.close();
  const eventPath = EVENT_PATH;

  const appPort = await freePort();
  const base = `http://127.0.0.1:${appPort}`;
  const env = { DATA_DIR: dataDir, PORT: String(appPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RUN_WORKER: 'false', NODE_ENV: 'production' };
  const app = await startProcess('node', ['dist/main.js', 'serve'], env, `${base}/healthz`);
  const eventPage = await (await fetch(base + eventPath)).text();

  // The reference: a bare node:http server returning a static page of the event page's size.
  const bare = await startBarePage(Buffer.byteLength(eventPage));

  try {
    for (const path of ['/', eventPath, '/news']) await autocannon({ url: base + path, connections: 8, duration: 1 }); // warm up
    const bareRuns: number[] = [];
    const results: Record<string, { rps: number; p99: number; errors: number }> = {};
    for (const [name, path] of [['home', '/'], ['event', eventPath], ['news', '/news']] as const) {
      progress(`bench pages: bare server`);
      bareRuns.push((await measure(bare.url)).rps);
      progress(`bench pages: ${name} (${path})`);
      results[name] = await measure(base + path);
    }
    // Without the page cache, the same event page: what a signed-in person or a cold cache costs.
    await stopProcess(app);
    const uncached = await startProcess('node', ['dist/main.js', 'serve'], { ...env, PAGE_CACHE_SECONDS: '0' }, `${base}/healthz`);
    progress('bench pages: event page without the page cache');
    const eventNoCache = await measure(base + eventPath);
    await stopProcess(uncached);

    const bareRps = bareRuns.reduce((a, b) => a + b, 0) / bareRuns.length;
    const errors = Object.values(results).reduce((a, r) => a + r.errors, 0) + eventNoCache.errors;
    console.log(
      JSON.stringify({
        bench: 'pages',
        bare_rps: round(bareRps, 0),
        home_rps: round(results.home.rps, 0),
        event_rps: round(results.event.rps, 0),
        news_rps: round(results.news.rps, 0),
        event_ratio: round(results.event.rps / bareRps, 3),
        event_p99_ms: results.event.p99,
        event_nocache_rps: round(eventNoCache.rps, 0),
        event_nocache_ratio: round(eventNoCache.rps / bareRps, 3),
        event_page_bytes: Buffer.byteLength(eventPage),
        errors,
      }),
    );
  } finally {
    await stopProcess(app);
    await stopProcess(bare.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
