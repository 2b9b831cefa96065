import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';
import { createNews, listNews } from './service.js';

describeEachDatabase('news by tag', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
    await createNews(t.app.db, { title: 'Passport workshop', slug: 'passport-workshop', bodyMd: 'Text.', tags: ['battery_passport'] });
    await createNews(t.app.db, { title: 'Passports in general', slug: 'passports', bodyMd: 'Text.', tags: ['batteryXpassport', 'battery_passport_extra'] });
  });
  afterAll(async () => t?.close());

  it('matches whole tags, taking LIKE wildcards in the tag literally', async () => {
    const { posts } = await listNews(t.app.db, { page: 1, tag: 'battery_passport' });
    expect(posts.map((p) => p.slug)).toEqual(['passport-workshop']);
    const page = await t.app.inject('/news?tag=battery_passport');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Passport workshop');
    expect(page.body).not.toContain('Passports in general');
    expect(page.body).toContain('1 news post<');
    expect((await t.app.inject('/news?tag=no_such_tag')).body).toContain('No news posts match these filters.');
  });
});
