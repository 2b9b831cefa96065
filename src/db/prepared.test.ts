import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../test/helpers/app.js';
import { preparedQuery } from './prepared.js';

describeEachDatabase('queries compiled once', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const now = new Date().toISOString();
    await database.handle.db
      .insertInto('redirects')
      .values(['/a', '/b', '/c'].map((from, i) => ({ from_path: from, to_path: `/to${i}`, origin: 'manual', created_at: now, updated_at: now })))
      .execute();
  });
  afterAll(async () => database?.drop());

  it('runs with each call’s values, constants kept', async () => {
    const byPath = preparedQuery((db, from: string, limit: number) =>
      db.selectFrom('redirects').select('to_path').where('from_path', '=', from).where('to_path', '!=', '/never').limit(limit),
    );
    const db = database.handle.db;
    expect(await byPath(db, '/a', 5)).toEqual([{ to_path: '/to0' }]);
    expect(await byPath(db, '/c', 5)).toEqual([{ to_path: '/to2' }]);
    expect(await byPath(db, '/c', 0)).toEqual([]);
    expect(await byPath(db, '/nowhere', 5)).toEqual([]);
  });

  it('refuses a builder that does not pass an argument on as a value', async () => {
    const unused = preparedQuery((db, _from: string) => db.selectFrom('redirects').select('to_path'));
    await expect(unused(database.handle.db, '/a')).rejects.toThrow('argument 1 is not a value of the query');
  });
});
