// `npm run bench -- search [--db postgres] [--docs N] [--queries N]`: indexes generated documents through
// indexDocument(), then times queries through HTTP (/api/v1/search on the running app) beside a raw
// full-text query loop on the same database. Last line: one JSON object.
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { buildApp } from './src/app.js';
import { loadConfig } from './src/config.js';
import { parseQuery, toFts5Match, toPostgresQuery } from './src/modules/search/query.js';
import { indexDocument, SEARCH_KINDS, type SearchDocumentInput } from './src/modules/search/service.js';
import { createTestDatabase } from './test/helpers/app.js';

const { values } = parseArgs({
  options: { db: { type: 'string', default: 'sqlite' }, docs: { type: 'string', default: '100000' }, queries: { type: 'string', default: '1000' } },
});
const DOCS = Number(values.docs);
const QUERIES = Number(values.queries);

// A deterministic generator, so runs are comparable.
let seed = 42;
const random = () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};

const DOMAIN = `battery lithium cobalt nickel manganese graphite spodumene brine leaching flotation tailings recycling cathode anode
electrolyte hydrometallurgy pyrometallurgy refining concentrate ore deposit exploration mining extraction processing smelting
precipitation solvent sulphide laterite pegmatite lepidolite petalite zinnwaldite hydroxide carbonate sulphate magnesium
copper cobaltite heterogenite limonite saprolite autoclave roasting calcination crystallisation purification membrane sorbent
geothermal sustainability circularity traceability passport supply chain europe critical raw materials regulation permitting
environment water energy emissions lifecycle assessment footprint digital twin sensors sorting comminution grinding
beneficiation magnetic separation gravity pilot plant demonstration upscaling techno economic feasibility social licence
community stakeholder workshop seminar webinar deliverable report roadmap agenda partners consortium horizon cluster
innovation research university laboratory industry value stage upstream midstream downstream byproduct niobium tantalum
tungsten beryllium rare earth scandium vanadium titanium iron aluminium zinc lead silver gold platinum palladium`.split(/\s+/);

function syntheticWord(i: number): string {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ro', 'ta', 'su', 'vi', 'de', 'pa', 'ri', 'go', 'fe', 'bu', 'zo', 'ch', 'an', 'el', 'or', 'ix'];
  let word = '';
  let n = i + 7;
  while (word.length < 5 || n > 0) {
    word += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
    if (word.length > 12) break;
  }
  return word;
}

const VOCABULARY = [...new Set([...DOMAIN, ...Array.from({ length: 6000 }, (_, i) => syntheticWord(i))])];
// Zipf-like: the word of rank r is drawn with probability ∝ 1/r^1.05 (cumulative table + binary search).
const cumulative: number[] = [];
VOCABULARY.reduce((sum, _, r) => (cumulative[r] = sum + 1 / Math.pow(r + 1, 1.05)), 0);
const totalWeight = cumulative[cumulative.length - 1];
function zipfWord(): string {
  const x = random() * totalWeight;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo];
}
const words = (n: number) => Array.from({ length: n }, zipfWord).join(' ');

function bodyLength(): number {
  const r = random();
  if (r < 0.005) return 8_000 + Math.floor(random() * 5_000); // long reports
  if (r < 0.1) return 400 + Math.floor(random() * 1100); // slides and papers
  return 30 + Math.floor(random() * 220); // news, events, profiles
}

function generate(i: number): SearchDocumentInput {
  const year = 2015 + Math.floor(random() * 11);
  return {
    kind: SEARCH_KINDS[Math.floor(random() * SEARCH_KINDS.length)],
    refId: i + 1,
    url: `/bench/${i + 1}`,
    title: words(4 + Math.floor(random() * 9)),
    body: words(bodyLength()),
    projectId: random() < 0.5 ? 1 + Math.floor(random() * 13) : null,
    date: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`,
  };
}

function makeQueries(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    let q: string;
    if (r < 0.4) q = zipfWord();
    else if (r < 0.6) q = `${zipfWord()} ${zipfWord()}`;
    else if (r < 0.75) q = `"${zipfWord()} ${zipfWord()}"`;
    else if (r < 0.9) q = `${zipfWord().slice(0, 3 + Math.floor(random() * 3))}*`;
    else q = `${zipfWord()} -${zipfWord()}`;
    const filter = random() < 0.15 ? `&type=${SEARCH_KINDS[Math.floor(random() * SEARCH_KINDS.length)]}` : random() < 0.1 ? `&year=${2015 + Math.floor(random() * 11)}` : '';
    out.push(`q=${encodeURIComponent(q)}${filter}`);
  }
  return out;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (x: number) => Math.round(x * 100) / 100;


import fs from 'node:fs';
import { openDatabase } from './src/db/index.js';
import { migrateToLatest } from './src/db/migrate.js';
import { search } from './src/modules/search/service.js';
import { sql } from 'kysely';
async function main() {
  const dir = '/tmp/lib-scratch';
  const exists = fs.existsSync(dir + '/cluster-hub.sqlite');
  const database = openDatabase({ dataDir: dir });
  if (!exists) {
    await migrateToLatest(database.db);
    for (let i = 0; i < DOCS; i += 500) {
      const batch = Array.from({ length: Math.min(500, DOCS - i) }, (_, j) => generate(i + j));
      await database.db.transaction().execute(async (trx) => { for (const doc of batch) await indexDocument(trx, doc); });
    }
    database.sqlite!.exec(`insert into search_fts(search_fts) values ('optimize'); analyze;`);
  } else { for (let i = 0; i < DOCS; i++) generate(i); }
  const queries = makeQueries(QUERIES);
  const times: [number, string][] = [];
  for (const q of queries) {
    const p = new URLSearchParams(q);
    const t0 = performance.now();
    await search(database.db, { q: p.get('q')!, kind: (p.get('type') ?? '') as any, year: p.get('year') ? Number(p.get('year')) : undefined, page: 1 });
    times.push([performance.now() - t0, q]);
  }
  times.sort((a, b) => b[0] - a[0]);
  console.log(times.slice(0, 25).map(([t, q]) => `${t.toFixed(1)} ${decodeURIComponent(q)}`).join('\n'));
  console.log('p50', times[Math.floor(times.length/2)][0], 'p95', times[Math.floor(times.length*0.05)][0]);
  const plan = await sql`explain query plan select 1`.execute(database.db);
  void plan;
}
await main();
