import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/app.js';
import { seed } from '../seed/index.js';
import { backupTo } from './backup.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('sqlite');
  await seed(database.handle.db);
});
afterAll(async () => database?.drop());

it('writes a SQLite copy that opens and holds the same projects', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-hub-backup-'));
  const { folder, manifest } = await backupTo(database.handle, loadConfig({ DATA_DIR: database.dataDir }), out, () => {});
  const copy = new Sqlite(path.join(folder, manifest.database.path), { readonly: true });
  const { n } = copy.prepare('select count(*) as n from projects').get() as { n: number };
  const original = await database.handle.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  expect(n).toBe(Number(original.n));
  expect(n).toBeGreaterThan(0);
  copy.close();
  fs.rmSync(out, { recursive: true, force: true });
});
