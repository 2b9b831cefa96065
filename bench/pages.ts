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
import { createEvent } from '../src/modules/events/service.js';
import { createNews } from '../src/modules/news/service.js';
import { seed } from '../src/seed/index.js';
import { freePort, progress, round, startProcess, stopProcess } from './_util.js';

const { values: options } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, connections: { type: 'string', default: '64' } } });
const seconds = Number(options.seconds);
const connections = Number(options.connections);

async function prepareData(dataDir: string): Promise<string> {
  const handle = openDatabase({ dataDir });
  await migrateToLatest(handle.db);
  await seed(handle.db);
  progress('bench pages: generating 1,000 news posts and 300 events');
  const words = 'lithium nickel cobalt recycling hydrometallurgy refining tailings geothermal brine cathode passport battery europe critical raw materials sustainable'.split(' ');
  const sentence = (i: number, n: number) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ');
  await handle.db.transaction().execute(async (trx) => {
    for (let i = 0; i < 1000; i++) {
      await createNews(trx, {
        title: `Bench news ${i}: ${sentence(i, 6)}`,
        slug: `bench-news-${i}`,
        summary: sentence(i, 25),
        bodyMd: Array.from({ length: 6 }, (_, k) => sentence(i + k, 60)).join('\n\n'),
        publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString(),
        tags: [words[i % words.length]],
      });
    }
    for (let i = 0; i < 300; i++) {
      const start = new Date(Date.UTC(2022, 0, 1) + i * 5 * 86_400_000 + 8 * 3_600_000);
      const isBig = i === 0;
      await createEvent(trx, {
        title: isBig ? 'Bench annual meeting with thirty slots' : `Bench event ${i}: ${sentence(i, 4)}`,
        slug: isBig ? 'bench-annual-meeting' : `bench-event-${i}`,
        type: 'workshop',
        format: 'hybrid',
        summary: sentence(i, 20),
        descriptionMd: Array.from({ length: 4 }, (_, k) => sentence(i + k, 50)).join('\n\n'),
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 8 * 3_600_000).toISOString(),
        timezone: 'Europe/Brussels',
        venueName: 'Bench venue',
        city: 'Brussels',
        country: 'BE',
        organisers: 'Cluster Hub',
        programme: isBig
          ? Array.from({ length: 30 }, (_, k) => ({
              kind: k % 10 === 9 ? 'break' : 'talk',
              title: `Slot ${k + 1}: ${sentence(k, 8)}`,
              startsAt: new Date(start.getTime() + k * 15 * 60_000).toISOString(),
              endsAt: new Date(start.getTime() + (k + 1) * 15 * 60_000).toISOString(),
              people: k % 10 === 9 ? [] : [{ name: `Speaker ${k}`, affiliation: `Organisation ${k % 7}`, role: 'speaker' }],
            }))
          : [],
      });
    }
  });
  await handle.close();
  return '/events/bench-annual-meeting';
}

async function measure(url: string): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function main() {
  progress('bench pages: production build');
  execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-hub-bench-pages-'));
  const eventPath = await prepareData(dataDir);

  const appPort = await freePort();
  const base = `http://127.0.0.1:${appPort}`;
  const env = { DATA_DIR: dataDir, PORT: String(appPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RUN_WORKER: 'false', NODE_ENV: 'production' };
  const app = await startProcess('node', ['dist/main.js', 'serve'], env, `${base}/healthz`);
  const eventPage = await (await fetch(base + eventPath)).text();

  // The reference: a bare node:http server returning a static page of the event page's size.
  const barePort = await freePort();
  const bareScript = `require('http').createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html; charset=utf-8'});s.end(B)}).listen(${barePort},'127.0.0.1')`;
  const bare = await startProcess('node', ['-e', `const B=Buffer.from('x'.repeat(${Buffer.byteLength(eventPage)}));${bareScript}`], {}, `http://127.0.0.1:${barePort}/`);

  try {
    for (const path of ['/', eventPath, '/news']) await autocannon({ url: base + path, connections: 8, duration: 1 }); // warm up
    const bareRuns: number[] = [];
    const results: Record<string, { rps: number; p99: number; errors: number }> = {};
    for (const [name, path] of [['home', '/'], ['event', eventPath], ['news', '/news']] as const) {
      progress(`bench pages: bare server`);
      bareRuns.push((await measure(`http://127.0.0.1:${barePort}/`)).rps);
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
    await stopProcess(bare);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
