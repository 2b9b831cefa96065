// `npm run bench -- passports [--db postgres] [--passports N] [--seconds S] [--connections C]`: N battery passports
// (default 1,000,000) with 20 versions each, bulk-inserted straight into a scratch database; then look-ups by identifier
// (random ids) through HTTP into the running app — the public page and /api/v1/passports/:id — timed one by one for
// the p95, and the API under autocannon beside a bare Node.js server answering a body of the same size, in the same run.
// Last line: one JSON object. The scratch database is dropped at the end.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createProject } from '../src/modules/directory/service.js';
import { createTestDatabase } from '../test/helpers/app.js';
import { startServer } from './_child-server.js';
import { freePort, percentile, progress, round, startProcess, stopProcess } from './_util.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    passports: { type: 'string', default: '1000000' },
    versions: { type: 'string', default: '20' },
    lookups: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '32' },
  },
});
const N = Number(values.passports);
const VERSIONS = Number(values.versions);
const LOOKUPS = Number(values.lookups);

const identifier = (i: number) => `urn:bench:bp:${String(i).padStart(7, '0')}`;

/**
 * A passport's data as the app stores it: about thirty data points, numbers varied by `i`; each later version adds a
 * state-of-health reading or corrects the carbon footprint, and keeps what it undoes (history.ts).
 */
function passportData(i: number, versions: number): { current: Record<string, unknown>; undos: Record<string, unknown>[] } {
  const v = (base: number, spread: number) => Math.round((base + ((i * 7919) % 1000) / 1000 * spread) * 10) / 10;
  const first: Record<string, unknown> = {
    'general.manufacturer': `Bench Cells ${i % 50}`,
    'general.manufacturingPlace': 'Bench plant, EU',
    'general.manufacturingDate': '2025-03-14',
    'general.serviceStartDate': '2025-05-02',
    'general.mass': v(300, 200),
    'carbon.total': v(50, 30),
    'carbon.performanceClass': 'ABCDE'[i % 5],
    'diligence.assurances': 'Checked by a third party against the OECD guidance.',
    'diligence.supplierSites': 'Two refineries, named to authorities on request.',
    'materials.chemistry': i % 3 ? 'NMC 811 / graphite' : 'LFP / graphite',
    'materials.criticalRawMaterials': ['Cobalt', 'Lithium', 'Natural graphite', 'Nickel'],
    'materials.hazardousSubstances': ['LiPF6'],
    'materials.cathode': 'Lithium nickel manganese cobalt oxide',
    'materials.anode': 'Graphite',
    'materials.electrolyte': 'LiPF6 in organic carbonates',
    'circularity.recycled.cobalt.preConsumer': v(2, 8),
    'circularity.recycled.cobalt.postConsumer': v(5, 10),
    'circularity.recycled.lithium.postConsumer': v(2, 5),
    'circularity.recycled.nickel.postConsumer': v(2, 5),
    'circularity.dismantling': 'Open the lid (24 screws), disconnect the service plug, unbolt the modules in order.',
    'circularity.spareParts': 'Modules, battery management unit, service plug.',
    'circularity.safety': 'Class D powder or water for cooling.',
    'performance.ratedCapacity': v(150, 100),
    'performance.nominalVoltage': v(350, 50),
    'performance.ratedEnergy': v(50, 50),
    'performance.expectedCycles': 2000,
    'performance.roundTripEfficiency': v(90, 5),
    'performance.stateOfHealth': [['2025-05-02', 100]],
  };
  const current = first;
  const readings = current['performance.stateOfHealth'] as unknown[];
  const undos: Record<string, unknown>[] = [];
  for (let k = 1; k < versions; k++) {
    // Most changes are a state-of-health reading; every fifth corrects the carbon footprint.
    if (k % 5 === 0) {
      undos.push({ 'carbon.total': current['carbon.total'] });
      current['carbon.total'] = v(45, 30);
    } else {
      undos.push({ 'performance.stateOfHealth#': readings.length });
      readings.push([`2025-${String((k % 12) + 1).padStart(2, '0')}-01`, Math.round((100 - k * 0.4) * 10) / 10]);
    }
  }
  return { current, undos };
}

async function main() {
  if (values.db === 'postgres') process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const scratch = await createTestDatabase(values.db === 'postgres' ? 'postgres' : 'sqlite');
  const { handle: database, dataDir, databaseUrl } = scratch;
  const children: Parameters<typeof stopProcess>[0][] = [];
  try {
    const projectId = await createProject(database.db, { acronym: 'BENCH', title: 'Benchmark project', isMember: true });
    const now = new Date().toISOString();
    const at = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const BATCH = values.db === 'postgres' ? 2000 : 10_000;
    progress(`passports bench on ${database.dialect}: inserting ${N.toLocaleString('en')} passports × ${VERSIONS} versions`);
    if (database.sqlite) {
      const sqlite = database.sqlite;
      sqlite.pragma('synchronous = OFF');
      const insertPassport = sqlite.prepare(
        `insert into passports (id, identifier, project_id, model, category, status, demonstrator, data, access, version, created_at, updated_at) values (?, ?, ?, ?, ?, 'active', 0, ?, '{}', ?, ?, ?)`,
      );
      const insertVersion = sqlite.prepare('insert into passport_versions (passport_id, version, kind, user_id, at, change) values (?, ?, ?, null, ?, ?)');
      const batch = sqlite.transaction((from: number, to: number) => {
        for (let i = from; i < to; i++) {
          const { current, undos } = passportData(i, VERSIONS);
          insertPassport.run(i + 1, identifier(i), projectId, `Bench pack ${i % 100}`, i % 3 ? 'ev' : 'industrial', JSON.stringify(current), VERSIONS, now, now);
          insertVersion.run(i + 1, 1, 'create', at, '{}');
          undos.forEach((change, k) => insertVersion.run(i + 1, k + 2, k % 5 === 4 ? 'edit' : 'reading', at, JSON.stringify(change)));
        }
      });
      for (let i = 0; i < N; i += BATCH) {
        batch(i, Math.min(N, i + BATCH));
        if ((i / BATCH) % 10 === 0) progress(`  ${Math.min(N, i + BATCH).toLocaleString('en')} passports (${round((performance.now() - started) / 1000, 0)} s)`);
      }
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.exec('analyze');
    } else {
      // Multi-row inserts through unnest(): one statement per column array, a few thousand passports at a time.
      const pool = database.pool!;
      for (let i = 0; i < N; i += BATCH) {
        const to = Math.min(N, i + BATCH);
        const p = { id: [] as number[], identifier: [] as string[], model: [] as string[], category: [] as string[], data: [] as string[] };
        const ver = { id: [] as number[], version: [] as number[], kind: [] as string[], change: [] as string[] };
        for (let j = i; j < to; j++) {
          const { current, undos } = passportData(j, VERSIONS);
          const model = `Bench pack ${j % 100}`;
          const category = j % 3 ? 'ev' : 'industrial';
          p.id.push(j + 1);
          p.identifier.push(identifier(j));
          p.model.push(model);
          p.category.push(category);
          p.data.push(JSON.stringify(current));
          const rows: [number, string, string][] = [[1, 'create', '{}'], ...undos.map((change, k): [number, string, string] => [k + 2, k % 5 === 4 ? 'edit' : 'reading', JSON.stringify(change)])];
          for (const [version, kind, change] of rows) {
            ver.id.push(j + 1);
            ver.version.push(version);
            ver.kind.push(kind);
            ver.change.push(change);
          }
        }
        await pool.query(
          `insert into passports (id, identifier, project_id, model, category, status, demonstrator, data, access, version, created_at, updated_at)
           select id, identifier, $6, model, category, 'active', 0, data, '{}', $7, $8, $8 from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) as t(id, identifier, model, category, data)`,
          [p.id, p.identifier, p.model, p.category, p.data, projectId, VERSIONS, now],
        );
        await pool.query(
          `insert into passport_versions (passport_id, version, kind, user_id, at, change) select id, version, kind, null, $5, change from unnest($1::int[], $2::int[], $3::text[], $4::text[]) as t(id, version, kind, change)`,
          [ver.id, ver.version, ver.kind, ver.change, at],
        );
        if ((i / BATCH) % 25 === 0) progress(`  ${to.toLocaleString('en')} passports (${round((performance.now() - started) / 1000, 0)} s)`);
      }
      await pool.query(`select setval(pg_get_serial_sequence('passports', 'id'), $1)`, [N]);
      await pool.query('vacuum analyze passports');
      await pool.query('vacuum analyze passport_versions');
    }
    const insertSeconds = (performance.now() - started) / 1000;
    const dbMb = database.sqlite
      ? fs.statSync(path.join(dataDir, 'cluster-hub.sqlite')).size / 1e6
      : Number((await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(database.db)).rows[0].n) / 1e6;
    progress(`  inserted in ${round(insertSeconds, 0)} s; database ${round(dbMb, 0)} MB`);
    await database.close();

    const server = await startServer({ DATA_DIR: dataDir, RUN_WORKER: 'false', PAGE_CACHE_SECONDS: '0', NODE_ENV: 'production', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
    children.push(server.child);
    const random = () => identifier(Math.floor(Math.random() * N));
    for (let i = 0; i < 200; i++) await (await fetch(`${server.url}/api/v1/passports/${random()}`)).arrayBuffer(); // warm-up

    const timings: Record<'page' | 'api', number[]> = { page: [], api: [] };
    let failures = 0;
    for (let i = 0; i < LOOKUPS; i++) {
      const kind = i % 2 ? 'api' : 'page';
      const url = `${server.url}${kind === 'api' ? '/api/v1' : ''}/passports/${random()}`;
      const t0 = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      timings[kind].push(performance.now() - t0);
      if (response.status !== 200) failures++;
    }
    const sample = await (await fetch(`${server.url}/api/v1/passports/${random()}`)).text();

    const barePort = await freePort();
    const bare = await startProcess(
      'node',
      ['-e', `const B=Buffer.from(${JSON.stringify(sample)});require('http').createServer((q,s)=>{s.writeHead(200,{'content-type':'application/json; charset=utf-8'});s.end(B)}).listen(${barePort},'127.0.0.1')`],
      {},
      `http://127.0.0.1:${barePort}/`,
    );
    children.push(bare);
    const load = async (base: string, randomPath: boolean) => {
      const result = await autocannon({
        url: base,
        connections: Number(values.connections),
        duration: Number(values.seconds),
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: randomPath ? `/api/v1/passports/${random()}` : '/' }) }],
      });
      return { rps: result.requests.average, errors: result.errors + result.non2xx };
    };
    progress('  bare server under load');
    const bareRun = await load(`http://127.0.0.1:${barePort}`, false);
    progress('  API under load (random identifiers)');
    const apiRun = await load(server.url, true);

    const all = [...timings.page, ...timings.api].sort((a, b) => a - b);
    timings.page.sort((a, b) => a - b);
    timings.api.sort((a, b) => a - b);
    progress(
      `  ${failures} non-200 look-ups, ${apiRun.errors + bareRun.errors} errors under load; page p95 ${round(percentile(timings.page, 95), 2)} ms, API p95 ${round(percentile(timings.api, 95), 2)} ms; API/bare ${round(apiRun.rps / bareRun.rps, 3)}; insert ${round(insertSeconds, 0)} s on ${database.dialect}`,
    );
    console.log(
      JSON.stringify({
        bench: 'passports',
        passports: N,
        lookup_p95_ms: round(percentile(all, 95), 2),
        api_rps: round(apiRun.rps, 0),
        bare_rps: round(bareRun.rps, 0),
        db_mb: round(dbMb, 0),
        page_p95_ms: round(percentile(timings.page, 95), 2),
        api_p95_ms: round(percentile(timings.api, 95), 2),
        versions: N * VERSIONS,
        insert_s: round(insertSeconds, 1),
        db: database.dialect,
      }),
    );
  } finally {
    for (const child of children) await stopProcess(child);
    await scratch.drop();
  }
}

await main();
