import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config.js';
import type { DialectName } from './dialect.js';
import type { DatabaseHandle } from './index.js';

/**
 * Every folder of DATA_DIR that holds uploads: `files` is served publicly (news pictures, logos);
 * `library` holds documents and photos, served only through permission checks.
 */
export const UPLOAD_FOLDERS = ['files', 'library'] as const;
/** Written last: a backup folder without it is incomplete (the backup was interrupted). */
export const MANIFEST_FILE = 'manifest.json';

export interface ManifestEntry {
  /** Relative to the backup folder, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

/** What a backup holds, so that `restore` can check every byte before it touches anything. */
export interface BackupManifest {
  format: 1;
  createdAt: string;
  engine: DialectName;
  database: ManifestEntry;
  files: ManifestEntry[];
}

export type Log = (line: string) => void;

/** Logs "label: n/total (p%)" at each tenth of the way and at the end, so long steps show they move. */
export function progress(log: Log, label: string, total: number): (done: number) => void {
  let reported = -1;
  return (done) => {
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (tenth === reported || total === 0) return;
    reported = tenth;
    log(`  ${label}: ${done}/${total} (${tenth * 10}%)`);
  };
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * The files under `root`, relative and with forward slashes. Half-written files (the stores write
 * `*.tmp`, then rename) and dot-files are left out: they are not part of what the database refers to.
 */
export function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp') && !entry.name.startsWith('.'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

async function describe(folder: string, relative: string): Promise<ManifestEntry> {
  const file = path.join(folder, relative);
  return { path: relative, bytes: fs.statSync(file).size, sha256: await sha256File(file) };
}

/**
 * Runs a PostgreSQL client tool (pg_dump, pg_restore) with --verbose, reporting each table it
 * works on, and fails with the tool's own error lines.
 */
export function runPgTool(tool: string, args: string[], log: Log, tableLine: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, ['--verbose', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    const errors: string[] = [];
    let tables = 0;
    readline.createInterface({ input: child.stderr }).on('line', (line) => {
      const table = tableLine.exec(line);
      if (table) log(`  database: table ${++tables} (${table[1]})`);
      else if (/error|fatal/i.test(line)) errors.push(line);
    });
    child.on('error', (error) => reject(new Error(`${tool} could not be started (${error.message}); install the PostgreSQL client tools`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed (exit code ${code}): ${errors.join('; ') || 'no message'}`))));
  });
}

/**
 * SQLite's online backup API, safe under WAL while the hub writes. A write by another connection
 * (the running hub) restarts a backup that copies in steps; when that happens the rest is copied in
 * one step, which holds only a read snapshot, so it finishes whatever the write rate.
 */
async function backupSqlite(database: DatabaseHandle, target: string, log: Log): Promise<void> {
  let lastRemaining = Infinity;
  let report: ((done: number) => void) | undefined;
  const { totalPages } = await database.sqlite!.backup(target, {
    progress: ({ totalPages, remainingPages }) => {
      report ??= progress(log, 'database pages', totalPages);
      report(Math.max(0, totalPages - remainingPages));
      const restarted = remainingPages > lastRemaining;
      lastRemaining = remainingPages;
      return restarted ? 0x7fffffff : Math.max(100, Math.ceil(totalPages / 20));
    },
  });
  report?.(totalPages);
}

/**
 * A consistent copy while the hub keeps running, in a new folder `DIR/cluster-hub-<time>/`:
 * the database (SQLite online backup, or pg_dump in custom format), then every upload folder, then
 * `manifest.json` with each file's size and SHA-256. The database comes first: an upload that
 * lands meanwhile is copied too and simply unused, never missing.
 */
export async function backupTo(database: DatabaseHandle, config: Config, outDir: string, log: Log): Promise<{ folder: string; manifest: BackupManifest }> {
  const createdAt = new Date().toISOString();
  const folder = path.join(outDir, `cluster-hub-${createdAt.replace(/[:.]/g, '-')}`);
  fs.mkdirSync(folder, { recursive: true });
  const databaseFile = database.dialect === 'sqlite' ? 'database.sqlite' : 'database.dump';
  log(`Backing up the ${database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database`);
  if (database.sqlite) {
    await backupSqlite(database, path.join(folder, databaseFile), log);
  } else {
    await runPgTool('pg_dump', ['--format=custom', `--file=${path.join(folder, databaseFile)}`, `--dbname=${config.databaseUrl}`], log, /dumping contents of table "?([^"]+)"?/);
  }
  const files: ManifestEntry[] = [];
  for (const name of UPLOAD_FOLDERS) {
    const source = path.join(config.dataDir, name);
    const relatives = listFiles(source);
    const report = progress(log, `${name}/`, relatives.length);
    for (const [index, relative] of relatives.entries()) {
      const target = path.join(folder, name, relative);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      try {
        fs.copyFileSync(path.join(source, relative), target);
        files.push(await describe(folder, `${name}/${relative}`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        log(`  ${name}/${relative}: deleted while the backup ran, left out`);
      }
      report(index + 1);
    }
  }
  const manifest: BackupManifest = { format: 1, createdAt, engine: database.dialect, database: await describe(folder, databaseFile), files };
  fs.writeFileSync(path.join(folder, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  return { folder, manifest };
}
