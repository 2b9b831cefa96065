// A fresh database per test or benchmark run, without any test-runner import (benchmarks use it too).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/db/index.js';
import type { DialectName } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export interface TestDatabase {
  handle: DatabaseHandle;
  dataDir: string;
  databaseUrl?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of the given engine: a temporary SQLite file, or a new
 * PostgreSQL database created from TEST_DATABASE_URL and dropped afterwards.
 */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-hub-test-'));
  if (dialect === 'sqlite') {
    const handle = openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    return {
      handle,
      dataDir,
      drop: async () => {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `ch_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const handle = openDatabase({ databaseUrl, dataDir, poolSize: 5 });
  await migrateToLatest(handle.db);
  return {
    handle,
    dataDir,
    databaseUrl,
    drop: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      // Give the closed pools' sessions a moment to leave, then drop; force only the ones that stay,
      // because a forced drop sends "terminating connection" to clients that are still closing.
      for (let attempt = 0; attempt < 30; attempt++) {
        const { rows } = await cleanup.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
