import fs from 'node:fs';
import { counted } from '../lib/plural.js';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import type { Config } from '../config.js';
import { type BackupManifest, listFiles, type Log, MANIFEST_FILE, progress, runPgTool, sha256File, UPLOAD_FOLDERS } from './backup.js';
import { SQLITE_FILE } from './index.js';

/** A restore that was not started, with the reason a person can act on (the CLI exits with code 1). */
export class RestoreRefused extends Error {}

const entry = z.object({
  // A manifest names files inside the backup only: no absolute paths, no "..".
  path: z.string().refine((p) => !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\\'), 'a path inside the backup'),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
});
const manifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  engine: z.enum(['sqlite', 'postgres']),
  database: entry,
  files: z.array(entry.refine((e) => UPLOAD_FOLDERS.some((folder) => e.path.startsWith(`${folder}/`)), 'a file of an upload folder')),
});

/** The backup folder `from` names: the folder itself, or the newest complete backup inside it. */
export function findBackup(from: string): string {
  if (fs.existsSync(path.join(from, MANIFEST_FILE))) return from;
  const candidates = fs.existsSync(from)
    ? fs
        .readdirSync(from)
        .filter((name) => name.startsWith('cluster-hub-') && fs.existsSync(path.join(from, name, MANIFEST_FILE)))
        .sort()
    : [];
  if (!candidates.length) {
    throw new RestoreRefused(`No backup found in ${from}: expected ${MANIFEST_FILE}, written last by "cluster-hub backup" (a folder without it is an interrupted backup).`);
  }
  return path.join(from, candidates[candidates.length - 1]);
}

function readManifest(folder: string): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(folder, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    throw new RestoreRefused(`${path.join(folder, MANIFEST_FILE)} cannot be read: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new RestoreRefused(`${path.join(folder, MANIFEST_FILE)} is not a backup manifest: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** Checks every file of the backup against its size and SHA-256 before anything is touched. */
async function verify(folder: string, manifest: BackupManifest, log: Log): Promise<void> {
  const entries = [manifest.database, ...manifest.files];
  const report = progress(log, 'checking backup files', entries.length);
  const bad: string[] = [];
  for (const [index, item] of entries.entries()) {
    const file = path.join(folder, item.path);
    if (!fs.existsSync(file)) bad.push(`${item.path} is missing`);
    else if (fs.statSync(file).size !== item.bytes || (await sha256File(file)) !== item.sha256) bad.push(`${item.path} differs from its checksum`);
    report(index + 1);
  }
  if (bad.length) {
    throw new RestoreRefused(`The backup in ${folder} is damaged, nothing was restored: ${bad.slice(0, 5).join('; ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}.`);
  }
}

function sqliteFiles(dataDir: string): string[] {
  return [SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`].map((name) => path.join(dataDir, name));
}

async function postgresTables(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new RestoreRefused(`The database at DATABASE_URL cannot be reached: ${(error as Error).message}. Create it first (createdb).`);
  }
  try {
    const { rows } = await client.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = current_schema() order by 1`);
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

/** What the target already holds, described for the refusal message; empty when there is nothing to overwrite. */
async function existingContent(config: Config): Promise<string[]> {
  const found: string[] = [];
  if (config.databaseUrl) {
    const tables = await postgresTables(config.databaseUrl);
    if (tables.length) found.push(`the PostgreSQL database has ${tables.length} tables (${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ', …' : ''})`);
  } else if (sqliteFiles(config.dataDir).slice(0, 2).some((file) => fs.existsSync(file) && fs.statSync(file).size > 0)) {
    found.push(`${path.join(config.dataDir, SQLITE_FILE)} holds a database`);
  }
  for (const folder of UPLOAD_FOLDERS) {
    const count = listFiles(path.join(config.dataDir, folder)).length;
    if (count) found.push(`${path.join(config.dataDir, folder)} holds ${counted(count, 'file')}`);
  }
  return found;
}

/**
 * Clears the way for restored files. A forced restore moves what it replaces into
 * DATA_DIR/replaced-<time>/, so that nothing is lost by a slip; otherwise the names hold nothing
 * (checked before: empty folders, an empty database file) and are removed.
 */
function makeRoom(dataDir: string, names: string[], aside: string | undefined): void {
  for (const name of names.filter((n) => fs.existsSync(path.join(dataDir, n)))) {
    if (!aside) {
      fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
      continue;
    }
    fs.mkdirSync(aside, { recursive: true });
    fs.renameSync(path.join(dataDir, name), path.join(aside, name));
  }
}

export interface RestoreResult {
  folder: string;
  manifest: BackupManifest;
  /** Where a forced restore put the files it replaced. */
  movedAside?: string;
}

/**
 * Restores what `backupTo` wrote into DATA_DIR and the configured database. Refuses (RestoreRefused)
 * a damaged backup, a backup of the other engine, and a target that already holds data unless
 * `force` is set. The hub must not be running on the target meanwhile.
 */
export async function restoreFrom(config: Config, options: { from: string; force: boolean; log: Log }): Promise<RestoreResult> {
  const { log } = options;
  const folder = findBackup(options.from);
  const manifest = readManifest(folder);
  const engine = config.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.engine !== engine) {
    throw new RestoreRefused(`The backup in ${folder} is of a ${manifest.engine} database, but this hub is configured for ${engine} (${engine === 'postgres' ? 'DATABASE_URL is set' : 'DATABASE_URL is not set'}).`);
  }
  log(`Restoring the backup of ${manifest.createdAt} from ${folder}`);
  const existing = await existingContent(config);
  if (existing.length && !options.force) {
    throw new RestoreRefused(`The target is not empty: ${existing.join('; ')}. Nothing was restored. Pass --force to replace it (stop the hub first).`);
  }
  await verify(folder, manifest, log);

  fs.mkdirSync(config.dataDir, { recursive: true });
  const aside = existing.length ? path.join(config.dataDir, `replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`) : undefined;
  const backupDatabase = path.join(folder, manifest.database.path);
  if (config.databaseUrl) {
    // One transaction: a failure leaves the database as it was.
    const args = [...(options.force ? ['--clean', '--if-exists'] : []), '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${config.databaseUrl}`, backupDatabase];
    log('Restoring the PostgreSQL database');
    await runPgTool('pg_restore', args, log, /processing data for table "?([^"]+)"?/);
  } else {
    log('Restoring the SQLite database');
    makeRoom(config.dataDir, sqliteFiles(config.dataDir).map((file) => path.basename(file)), aside);
    const target = path.join(config.dataDir, SQLITE_FILE);
    fs.copyFileSync(backupDatabase, `${target}.restoring`);
    fs.renameSync(`${target}.restoring`, target);
  }

  // Upload folders are assembled beside their place and renamed into it, so a restore cut short leaves no half folder.
  makeRoom(config.dataDir, [...UPLOAD_FOLDERS], aside);
  const report = progress(log, 'restoring files', manifest.files.length);
  for (const [index, item] of manifest.files.entries()) {
    const [folderName, ...rest] = item.path.split('/');
    const target = path.join(config.dataDir, `${folderName}.restoring`, ...rest);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(folder, item.path), target);
    report(index + 1);
  }
  for (const name of UPLOAD_FOLDERS) {
    const staged = path.join(config.dataDir, `${name}.restoring`);
    if (fs.existsSync(staged)) fs.renameSync(staged, path.join(config.dataDir, name));
  }
  return { folder, manifest, movedAside: aside && fs.existsSync(aside) ? aside : undefined };
}
