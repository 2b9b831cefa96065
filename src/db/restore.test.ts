import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createTestApp, csrfFor, describeEachDatabase, form, signIn, type TestApp } from '../../test/helpers/app.js';
import { jpegWithGps, makePdf, multipart, type MultipartFile } from '../../test/helpers/library-files.js';
import { eventWithRegistration, person, postRegistration } from '../../test/helpers/registration.js';
import { storeImage } from '../lib/uploads.js';
import { listFiles, MANIFEST_FILE, sha256File, UPLOAD_FOLDERS } from './backup.js';
import type { DialectName } from './dialect.js';
import { type DatabaseHandle, openDatabase } from './index.js';
import { RestoreRefused, restoreFrom } from './restore.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs the real CLI in its own process (its own database connection, as an operator would). */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Only what the command needs: the test runner's own environment (BASE_URL=/ from Vite) would not pass the CLI's checks.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts'), ...args], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** An empty place to restore into: a new DATA_DIR, and on PostgreSQL a new database without tables. */
async function emptyTarget(dialect: DialectName) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-hub-restored-'));
  let databaseUrl: string | undefined;
  const admin = process.env.TEST_DATABASE_URL;
  const name = `ch_restore_${randomBytes(6).toString('hex')}`;
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  return {
    dataDir,
    databaseUrl,
    env: { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    open: (): DatabaseHandle => openDatabase({ dataDir, databaseUrl, poolSize: 2 }),
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (!databaseUrl) return;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

type Snapshot = Map<string, string[]>;

/** Every row of every table (virtual-table internals and sequences included on SQLite), as sorted JSON lines per table. */
async function snapshot(handle: DatabaseHandle): Promise<Snapshot> {
  const tables =
    handle.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_stat%' order by name`.execute(handle.db)).rows
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(handle.db)).rows;
  const result: Snapshot = new Map();
  for (const { name } of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(handle.db);
    result.set(name, rows.map((row) => JSON.stringify(row)).sort());
  }
  return result;
}

async function checksums(dataDir: string): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const folder of UPLOAD_FOLDERS) {
    for (const file of listFiles(path.join(dataDir, folder))) sums[`${folder}/${file}`] = await sha256File(path.join(dataDir, folder, file));
  }
  return sums;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describeEachDatabase('backup and restore', (dialect) => {
  let t: TestApp;
  let admin: { cookie: string };
  let target: Awaited<ReturnType<typeof emptyTarget>>;
  let backupDir: string;
  const downloads: { url: string; sha256: string }[] = [];
  let before: Snapshot;
  let after: Snapshot;
  let acknowledgedBeforeBackup: string[] = [];
  const acknowledged: string[] = [];
  let backupLog = '';

  async function upload(url: string, fields: Record<string, string>, files: MultipartFile[]) {
    const { cookie, token } = await csrfFor(t.app, admin.cookie);
    const body = multipart({ _csrf: token, ...fields }, files);
    return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie } });
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { REGISTRATION_RATE_LIMIT: '0' } });
    admin = await signIn(t.app, { role: 'admin' });
    backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-hub-backups-'));
    target = await emptyTarget(dialect);
    const { event } = await eventWithRegistration(t.app);

    // Library documents, a gallery with photos, and a public image: every upload folder has files.
    for (const n of [1, 2, 3]) {
      const created = await upload('/admin/library', { title: `Deliverable ${n}`, attach: 'hub' }, [{ name: 'file', fileName: `d${n}.pdf`, data: makePdf([`Deliverable ${n} on lithium refining`]) }]);
      expect(created.statusCode, created.body).toBe(303);
      const url = `${created.headers.location}/download`;
      const file = await t.app.inject({ url, headers: { cookie: admin.cookie } });
      downloads.push({ url, sha256: sha256(file.rawPayload) });
    }
    const { cookie, token } = await csrfFor(t.app, admin.cookie);
    const gallery = await t.app.inject({ method: 'POST', url: '/admin/galleries', payload: form({ _csrf: token, event: String(event.id), title: 'Workshop photos' }), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(gallery.statusCode, gallery.body).toBe(303);
    const photo = await jpegWithGps();
    for (const n of [1, 2]) {
      const added = await upload(`${gallery.headers.location}/photos`, { alt: `Photo ${n}` }, [{ name: 'photo', fileName: `p${n}.jpg`, data: Buffer.concat([photo, Buffer.from([n])]) }]);
      expect(added.statusCode, added.body).toBe(303);
    }
    const page = await t.app.inject(`/galleries/${String(gallery.headers.location).split('/').pop()}`);
    for (const [, photoPage] of page.body.matchAll(/href="(\/galleries\/\d+\/photos\/\d+)"/g)) {
      const src = (await t.app.inject(photoPage)).body.match(/src="(\/media\/photos\/\d+\/web\.jpg)"/)![1];
      for (const url of [src, src.replace('web.jpg', 'thumb.jpg')]) downloads.push({ url, sha256: sha256((await t.app.inject(url)).rawPayload) });
    }
    const image = await storeImage(t.config.dataDir, { filename: 'logo.jpg', buffer: photo, tooLarge: false });
    expect(image.ok).toBe(true);
    if (image.ok) downloads.push({ url: image.path, sha256: sha256((await t.app.inject(image.path)).rawPayload) });

    before = await snapshot(t.database.handle);
    // Registrations keep arriving while the backup runs in its own process.
    let stop = false;
    let n = 0;
    const burst = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const email = person(++n).email;
        const response = await postRegistration(t.app, event.slug, person(n));
        if (response.statusCode === 303) acknowledged.push(email);
      }
    });
    while (acknowledged.length < 10) await new Promise((resolve) => setTimeout(resolve, 20));
    acknowledgedBeforeBackup = [...acknowledged];
    const backup = await cli(['backup', '--out', backupDir], { DATA_DIR: t.config.dataDir, ...(t.database.databaseUrl ? { DATABASE_URL: t.database.databaseUrl } : {}) });
    stop = true;
    await Promise.all(burst);
    backupLog = backup.stderr;
    expect(backup.code, backup.stderr).toBe(0);
    after = await snapshot(t.database.handle);
  }, 240_000);

  afterAll(async () => {
    await t?.close();
    await target?.drop();
    if (backupDir) fs.rmSync(backupDir, { recursive: true, force: true });
  });

  it('restores every table and every file of a backup taken while registrations arrived', async () => {
    expect(acknowledged.length).toBeGreaterThan(acknowledgedBeforeBackup.length);
    expect(backupLog).toMatch(/database/);
    const restore = await cli(['restore', '--from', backupDir], target.env);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stderr).toMatch(/checking backup files: \d+\/\d+ \(100%\)/);

    const handle = target.open();
    try {
      const restored = await snapshot(handle);
      expect([...restored.keys()]).toEqual([...after.keys()]);
      for (const [table, rows] of after) {
        const old = new Set(before.get(table));
        const now = new Set(rows);
        const got = restored.get(table)!;
        if (before.get(table)!.join('\n') === rows.join('\n')) {
          // Untouched by the registrations: exactly as in the hub.
          expect(got, table).toEqual(rows);
          continue;
        }
        // Touched: the restored table is the state at one moment in between. Rows that stayed
        // the same throughout are there; a row that is in neither state must be a counter the
        // registrations move (checked below against the registrations themselves).
        for (const row of rows.filter((r) => old.has(r))) expect(got, table).toContain(row);
        const between = got.filter((row) => !old.has(row) && !now.has(row));
        if (between.length) expect(['registration_pools', 'sqlite_sequence'], `${table}: ${between[0]}`).toContain(table);
      }
      // The snapshot is consistent: each pool counts exactly the registrations holding a seat in it.
      const pools = await handle.db.selectFrom('registration_pools').selectAll().execute();
      for (const pool of pools) {
        const { n } = await handle.db.selectFrom('registrations').where('event_id', '=', pool.event_id).where('mode', '=', pool.mode).where('holds_seat', '=', 1).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(pool.taken)).toBe(Number(n));
      }
      const emails = (await handle.db.selectFrom('registrations').select('email').execute()).map((r) => r.email);
      for (const email of acknowledgedBeforeBackup) expect(emails).toContain(email);
      expect(emails.length).toBeGreaterThanOrEqual(acknowledgedBeforeBackup.length);

      expect(await checksums(target.dataDir)).toEqual(await checksums(t.config.dataDir));
      expect(Object.keys(await checksums(target.dataDir)).filter((f) => f.startsWith('library/')).length).toBeGreaterThanOrEqual(5);

      // The restored hub serves every document, photo and image, byte for byte.
      const config = loadConfig({ ...target.env, LOG_LEVEL: 'silent', RUN_WORKER: 'false' });
      const app = await buildApp(config, { database: handle, logger: false });
      try {
        const { cookie } = await signIn(app, { role: 'admin' });
        for (const file of downloads) {
          const response = await app.inject({ url: file.url, headers: { cookie } });
          expect(response.statusCode, file.url).toBe(200);
          expect(sha256(response.rawPayload), file.url).toBe(file.sha256);
        }
      } finally {
        await app.close();
      }
    } finally {
      await handle.close();
    }
  }, 120_000);

  it('refuses to restore over a hub that holds data unless forced, and then keeps the old one aside', async () => {
    const sumsBefore = await checksums(target.dataDir);
    const refused = await cli(['restore', '--from', backupDir], target.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not empty/);
    expect(refused.stderr).toMatch(/--force/);
    expect(await checksums(target.dataDir)).toEqual(sumsBefore);

    const config = loadConfig(target.env);
    const result = await restoreFrom(config, { from: backupDir, force: true, log: () => {} });
    expect(await checksums(target.dataDir)).toEqual(sumsBefore);
    expect(result.movedAside).toBeTruthy();
    expect(fs.existsSync(path.join(result.movedAside!, 'library'))).toBe(true);
    const handle = target.open();
    try {
      const restored = await snapshot(handle);
      expect(restored.get('registrations')!.length).toBeGreaterThanOrEqual(acknowledgedBeforeBackup.length);
    } finally {
      await handle.close();
    }
  }, 120_000);

  it('refuses a damaged backup and a backup of the other engine before touching anything', async () => {
    const damaged = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-hub-damaged-'));
    const empty = await emptyTarget(dialect);
    try {
      fs.cpSync(backupDir, damaged, { recursive: true });
      const folder = path.join(damaged, fs.readdirSync(damaged)[0]);
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, MANIFEST_FILE), 'utf8')) as { files: { path: string }[] };
      const victim = path.join(folder, manifest.files.find((f) => f.path.startsWith('library/'))!.path);
      const bytes = fs.readFileSync(victim);
      bytes[bytes.length - 1] ^= 0xff;
      fs.writeFileSync(victim, bytes);
      await expect(restoreFrom(loadConfig(empty.env), { from: damaged, force: false, log: () => {} })).rejects.toThrow(/damaged.*differs from its checksum/);
      const otherEngine = loadConfig(dialect === 'sqlite' ? { ...empty.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } : { DATA_DIR: empty.dataDir });
      await expect(restoreFrom(otherEngine, { from: backupDir, force: false, log: () => {} })).rejects.toBeInstanceOf(RestoreRefused);
      expect(fs.readdirSync(empty.dataDir)).toEqual([]);
    } finally {
      fs.rmSync(damaged, { recursive: true, force: true });
      await empty.drop();
    }
  });
});
