import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../test/helpers/app.js';
import { groupTransaction } from './group-commit.js';

describeEachDatabase('group transactions', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await sql`create table gc_items (n integer primary key)`.execute(database.handle.db);
  });
  afterAll(async () => database?.drop());

  it('commits the works that succeed, in order, and rolls back only the one that fails', async () => {
    const db = database.handle.db;
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, n) =>
        groupTransaction(db, async (trx) => {
          await sql`insert into gc_items (n) values (${n})`.execute(trx);
          if (n % 10 === 7) {
            await sql`insert into gc_items (n) values (${1000 + n})`.execute(trx);
            throw new Error(`work ${n} fails after writing`);
          }
          return n;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(3);
    const { rows } = await sql<{ n: number }>`select n from gc_items order by n`.execute(db);
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 30 }, (_, n) => n).filter((n) => n % 10 !== 7));
  });

  // better-sqlite3 runs a batch without giving the loop a turn: started at once, each work had its own commit.
  it.skipIf(dialect === 'postgres')('gives the works that arrive in the same turn of the event loop one commit, and no savepoints unless one fails', async () => {
    const statements: string[] = [];
    const db = new Kysely<any>({
      dialect: new SqliteDialect({ database: database.handle.sqlite! }),
      log: (event) => {
        statements.push(event.query.sql);
      },
    });
    await Promise.all(Array.from({ length: 20 }, (_, n) => groupTransaction(db, (trx) => sql`insert into gc_items (n) values (${2000 + n})`.execute(trx))));
    expect(statements.filter((statement) => statement === 'commit')).toHaveLength(1);
    expect(statements.filter((statement) => statement.startsWith('savepoint'))).toHaveLength(0);

    statements.length = 0;
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, n) => groupTransaction(db, (trx) => sql`insert into gc_items (n) values (${n === 2 ? 2000 : 3000 + n})`.execute(trx))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(statements.filter((statement) => statement.startsWith('savepoint'))).toHaveLength(5);
    expect(statements.filter((statement) => statement === 'commit')).toHaveLength(1);
  });

  // A batch waiting for the database must not hold up the next one: they run on connections of their own.
  it.skipIf(dialect === 'sqlite')('commits a later batch while an earlier one is still waiting', async () => {
    const db = database.handle.db;
    let release!: () => void;
    const latch = new Promise<void>((resolve) => (release = resolve));
    const slow = groupTransaction(db, async (trx) => {
      await sql`insert into gc_items (n) values (4000)`.execute(trx);
      await latch;
      return 'slow';
    });
    await new Promise((resolve) => setImmediate(resolve));
    const fast = await groupTransaction(db, async (trx) => {
      await sql`insert into gc_items (n) values (4001)`.execute(trx);
      return 'fast';
    });
    expect(fast).toBe('fast');
    const { rows } = await sql<{ n: number }>`select n from gc_items where n >= 4000 order by n`.execute(db);
    expect(rows.map((r) => r.n)).toEqual([4001]);
    release();
    expect(await slow).toBe('slow');
  });
});
