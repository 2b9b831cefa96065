import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../config.js';
import type { DatabaseHandle } from './index.js';

const run = promisify(execFile);

/**
 * A consistent copy while the hub keeps running: SQLite's online backup API (safe under WAL),
 * or pg_dump in custom format for PostgreSQL; uploaded files are copied beside it.
 */
export async function backupTo(database: DatabaseHandle, config: Config, outDir: string, log: (line: string) => void): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const written: string[] = [];
  if (database.sqlite) {
    const target = path.join(outDir, `cluster-hub-${stamp}.sqlite`);
    await database.sqlite.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        log(`  database: ${Math.round(((totalPages - remainingPages) / Math.max(totalPages, 1)) * 100)}%`);
        return 200;
      },
    });
    written.push(target);
  } else if (config.databaseUrl) {
    const target = path.join(outDir, `cluster-hub-${stamp}.dump`);
    log('  database: pg_dump');
    await run('pg_dump', ['--format=custom', `--file=${target}`, config.databaseUrl]);
    written.push(target);
  }
  // `files` is served publicly; `library` holds documents and photos served only through permission checks.
  for (const folder of ['files', 'library']) {
    const source = path.join(config.dataDir, folder);
    if (!fs.existsSync(source)) continue;
    const target = path.join(outDir, `${folder}-${stamp}`);
    log(`  ${folder}: copying`);
    fs.cpSync(source, target, { recursive: true });
    written.push(target);
  }
  return written;
}
