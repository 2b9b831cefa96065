// `npm run bench -- pages [--db postgres] [--seconds N] [--connections N]`: public pages under load, the production
// build with a large data set, measured with autocannon at 64 connections against /, an event page and /news, the
// event page as a signed-in editor sees it (never from the page cache) and, on a server without the page cache, as
// anyone; alternating with a bare Node.js server that returns a static page of the same size, in the same run.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/types.js';
import { SESSION_COOKIE } from '../src/lib/auth.js';
import { createSession, createUser } from '../src/modules/accounts/service.js';
import { createTestDatabase } from '../test/helpers/database.js';
import { EVENT_PATH, measurePages, preparePagesData, startBarePage } from './_pages-load.js';
import { freePort, progress, round, startProcess, stopProcess } from './_util.js';

const { values: options } = parseArgs({
  options: { db: { type: 'string', default: 'sqlite' }, seconds: { type: 'string', default: '8' }, connections: { type: 'string', default: '64' } },
});
const seconds = Number(options.seconds);
const connections = Number(options.connections);
if (options.db === 'postgres') process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const measure = (url: string, headers?: Record<string, string>) => measurePages([url], connections, seconds, headers);

/** The session cookie of an editor. */
async function editorSession(db: Kysely<Database>): Promise<string> {
  const editor = await createUser(db, { email: 'bench-editor@example.org', name: 'Bench editor', role: 'editor' });
  const { token } = await createSession(db, editor);
  return `${SESSION_COOKIE}=${token}`;
}

/**
 * The cookies a signed-in browser sends for the page: its session and the CSRF secret the first page set (the
 * sign-out form's token needs it; without it every answer would draw and sign a new one).
 */
async function signedInCookie(url: string, sessionCookie: string): Promise<string> {
  const response = await fetch(url, { headers: { cookie: sessionCookie } });
  const body = await response.text();
  if (!response.ok || !body.includes('Sign out') || response.headers.get('x-page-cache')) throw new Error(`the signed-in page is not what a signed-in editor sees (${response.status})`);
  return [sessionCookie, ...response.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
}

async function main() {
  progress('bench pages: production build');
  execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  const database = await createTestDatabase(options.db === 'postgres' ? 'postgres' : 'sqlite');
  await preparePagesData(database.handle.db);
  const sessionCookie = await editorSession(database.handle.db);
  const eventPath = EVENT_PATH;

  const appPort = await freePort();
  const base = `http://127.0.0.1:${appPort}`;
  const env = {
    DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    PORT: String(appPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RUN_WORKER: 'false',
    NODE_ENV: 'production',
  };
  const app = await startProcess('node', ['dist/main.js', 'serve'], env, `${base}/healthz`);
  const eventPage = await (await fetch(base + eventPath)).text();

  // The reference: a bare node:http server returning a static page of the event page's size.
  const bare = await startBarePage(Buffer.byteLength(eventPage));

  try {
    for (const path of ['/', eventPath, '/news']) await autocannon({ url: base + path, connections: 8, duration: 1 }); // warm up
    const cookie = await signedInCookie(base + eventPath, sessionCookie);
    const bareRuns: number[] = [];
    const results: Record<string, { rps: number; p99: number; errors: number }> = {};
    const runs = [
      ['home', '/', {}],
      ['event', eventPath, {}],
      ['news', '/news', {}],
      ['event_signed_in', eventPath, { cookie }],
    ] as const;
    for (const [name, path, headers] of runs) {
      progress(`bench pages: bare server`);
      bareRuns.push((await measure(bare.url)).rps);
      progress(`bench pages: ${name} (${path})`);
      results[name] = await measure(base + path, headers);
    }
    // Without the page cache, the same event page: what a cold cache costs.
    await stopProcess(app);
    const uncached = await startProcess('node', ['dist/main.js', 'serve'], { ...env, PAGE_CACHE_SECONDS: '0' }, `${base}/healthz`);
    await autocannon({ url: base + eventPath, connections: 8, duration: 1 }); // warm up
    progress('bench pages: event page without the page cache');
    const eventNoCache = await measure(base + eventPath);
    await stopProcess(uncached);

    const bareRps = bareRuns.reduce((a, b) => a + b, 0) / bareRuns.length;
    const errors = Object.values(results).reduce((a, r) => a + r.errors, 0) + eventNoCache.errors;
    console.log(
      JSON.stringify({
        bench: 'pages',
        db: options.db,
        bare_rps: round(bareRps, 0),
        home_rps: round(results.home.rps, 0),
        event_rps: round(results.event.rps, 0),
        news_rps: round(results.news.rps, 0),
        event_ratio: round(results.event.rps / bareRps, 3),
        event_p99_ms: results.event.p99,
        event_nocache_rps: round(eventNoCache.rps, 0),
        event_nocache_ratio: round(eventNoCache.rps / bareRps, 3),
        event_signed_in_rps: round(results.event_signed_in.rps, 0),
        event_signed_in_ratio: round(results.event_signed_in.rps / bareRps, 3),
        event_signed_in_p99_ms: results.event_signed_in.p99,
        event_page_bytes: Buffer.byteLength(eventPage),
        errors,
      }),
    );
  } finally {
    await stopProcess(app);
    await stopProcess(bare.child);
    await database.drop();
  }
}

await main();
