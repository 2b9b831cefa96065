// `npm run bench -- search [--db postgres] [--docs N] [--queries N]`: indexes generated documents through
// indexDocument(), then times queries through HTTP (/api/v1/search on the running app) beside a raw
// full-text query loop on the same database. Last line: one JSON object.
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { sql } from 'kysely';
import { postgresTsquery, postgresWindowCondition, RANKED_WINDOW } from '../src/modules/search/adapters.js';
import { parseQuery, toFts5Match } from '../src/modules/search/query.js';
import { indexDocument } from '../src/modules/search/service.js';
import { createTestDatabase } from '../test/helpers/app.js';
import { generate, makeQueries } from './_search-corpus.js';
import { percentile, round } from './_util.js';

const { values } = parseArgs({
  options: { db: { type: 'string', default: 'sqlite' }, docs: { type: 'string', default: '100000' }, queries: { type: 'string', default: '1000' } },
});
const DOCS = Number(values.docs);
const QUERIES = Number(values.queries);


async function main() {
  if (values.db === 'postgres') process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  // A scratch database, migrated, dropped at the end: the same one the test suite uses.
  const scratch = await createTestDatabase(values.db === 'postgres' ? 'postgres' : 'sqlite');
  const { handle: database, dataDir, databaseUrl } = scratch;
  try {
    console.error(`search bench on ${database.dialect}: indexing ${DOCS} documents…`);
    const started = performance.now();
    const BATCH = 500;
    for (let i = 0; i < DOCS; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, DOCS - i) }, (_, j) => generate(i + j));
      await database.db.transaction().execute(async (trx) => {
        for (const doc of batch) await indexDocument(trx, doc);
      });
      if ((i / BATCH) % 40 === 0) console.error(`  ${i + batch.length} indexed`);
    }
    if (database.sqlite) database.sqlite.exec(`insert into search_fts(search_fts) values ('optimize'); analyze;`);
    else await database.pool!.query('vacuum analyze search_documents');
    const indexSeconds = (performance.now() - started) / 1000;

    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RUN_WORKER: 'false', PAGE_CACHE_SECONDS: '0', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
    const app = await buildApp(config, { database, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const queries = makeQueries(QUERIES);

    for (const q of queries.slice(0, 50)) await (await fetch(`${base}/api/v1/search?${q}`)).arrayBuffer(); // warm-up
    const http: number[] = [];
    let failures = 0;
    for (const q of queries) {
      const t0 = performance.now();
      const response = await fetch(`${base}/api/v1/search?${q}`);
      await response.arrayBuffer();
      http.push(performance.now() - t0);
      if (response.status !== 200) failures++;
    }

    // Reference: the bare full-text query (top 10 by the engine's rank) on the same database, no app around it.
    const raw: number[] = [];
    const texts = queries.map((q) => new URLSearchParams(q).get('q') ?? '');
    if (database.sqlite) {
      // The same bounded ranking the app runs (newest RANKED_WINDOW matches, best 10 by bm25), without filters, snippets or HTTP.
      const statement = database.sqlite.prepare(
        `select id from (select rowid as id, rank from search_fts where search_fts match ? order by rowid desc limit ${RANKED_WINDOW}) order by rank limit 10`,
      );
      for (const text of texts) {
        const parsed = parseQuery(text);
        if (!parsed.include.length) continue;
        const t0 = performance.now();
        statement.all(toFts5Match(parsed));
        raw.push(performance.now() - t0);
      }
    } else {
      for (const text of texts) {
        const parsed = parseQuery(text);
        if (!parsed.include.length) continue;
        // The app's window and ranking, built by the same functions (tsquery inline, so it is planned with its words;
        // a phrase's word pairs looked up first), without filters, snippets or HTTP.
        const t0 = performance.now();
        const window = await postgresWindowCondition(database.db, parsed);
        await sql`select d.id from (select d.id from search_documents d where ${window} order by d.id desc limit ${RANKED_WINDOW}) recent
          join search_documents d on d.id = recent.id order by ts_rank(d.tsv, ${postgresTsquery(parsed)}) desc limit 10`.execute(database.db);
        raw.push(performance.now() - t0);
      }
    }
    await app.close();
    http.sort((a, b) => a - b);
    raw.sort((a, b) => a - b);
    console.error(`  ${failures} non-200 answers; database ${database.dialect}`);
    console.log(
      JSON.stringify({
        bench: 'search',
        docs: DOCS,
        index_s: round(indexSeconds, 2),
        query_p50_ms: round(percentile(http, 50), 2),
        query_p95_ms: round(percentile(http, 95), 2),
        raw_p95_ms: round(percentile(raw, 95), 2),
        db: database.dialect,
      }),
    );
  } finally {
    await scratch.drop();
  }
}

await main();
