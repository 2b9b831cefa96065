import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/helpers/app.js';
import { fetchPage } from './paging.js';

describeEachDatabase('fetchPage', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('pages through a filtered list without losing or repeating a row, and counts only what the filter matches', async () => {
    const all = await t.app.db.selectFrom('projects').select('acronym').where('is_member', '=', 1).orderBy('acronym').execute();
    expect(all.length).toBeGreaterThan(5);
    const filtered = t.app.db.selectFrom('projects').where('is_member', '=', 1);
    const seen: string[] = [];
    const first = await fetchPage(filtered, 1, 5, (q) => q.select('acronym').orderBy('acronym'));
    expect(first).toMatchObject({ total: all.length, page: 1, pageCount: Math.ceil(all.length / 5) });
    for (let page = 1; page <= first.pageCount; page++) {
      const { rows } = await fetchPage(filtered, page, 5, (q) => q.select('acronym').orderBy('acronym'));
      seen.push(...rows.map((r) => r.acronym));
    }
    expect(seen).toEqual(all.map((r) => r.acronym));
    expect((await fetchPage(filtered, first.pageCount + 1, 5, (q) => q.select('acronym').orderBy('acronym'))).rows).toEqual([]);
  });
});
