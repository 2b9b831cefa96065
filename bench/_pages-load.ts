// The pages benchmark's data and load, shared by bench/pages.ts and bench/scale.ts.
import type { Kysely } from 'kysely';
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import type { Database } from '../src/db/types.js';
import { createEvent } from '../src/modules/events/service.js';
import { createNews } from '../src/modules/news/service.js';
import { seed } from '../src/seed/index.js';
import { freePort, progress, startProcess } from './_util.js';

/** The event page with thirty programme slots that the pages benchmarks read. */
export const EVENT_PATH = '/events/bench-annual-meeting';

/** Seeds the hub, then adds 1,000 news posts and 300 events (one of them EVENT_PATH). */
export async function preparePagesData(db: Kysely<Database>): Promise<void> {
  await seed(db);
  progress('bench pages: generating 1,000 news posts and 300 events');
  const words = 'lithium nickel cobalt recycling hydrometallurgy refining tailings geothermal brine cathode passport battery europe critical raw materials sustainable'.split(' ');
  const sentence = (i: number, n: number) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ');
  await db.transaction().execute(async (trx) => {
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
}

export interface PagesResult {
  rps: number;
  p99: number;
  errors: number;
}

/**
 * Requests per second for the same path on every base at once, the connections split evenly
 * between them (one base: the whole load on one server), summed; p99 is the worst of them. `headers` go with every
 * request (a signed-in person's cookies).
 */
export async function measurePages(urls: string[], connections: number, seconds: number, headers: Record<string, string> = {}): Promise<PagesResult> {
  const results = await Promise.all(
    urls.map((url) => autocannon({ url, connections: Math.max(1, Math.round(connections / urls.length)), duration: seconds, pipelining: 1, headers })),
  );
  return {
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
  };
}

/** The reference: a bare node:http server returning a static page of `bytes` bytes. */
export async function startBarePage(bytes: number): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const script = `const B=Buffer.from('x'.repeat(${bytes}));require('http').createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html; charset=utf-8'});s.end(B)}).listen(${port},'127.0.0.1')`;
  const url = `http://127.0.0.1:${port}/`;
  return { url, child: await startProcess('node', ['-e', script], {}, url) };
}
