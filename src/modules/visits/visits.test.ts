import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, signIn, type TestApp } from '../../../test/helpers/app.js';
import { addPageViews, mostReadPages, totalPageViews } from './service.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

describeEachDatabase('visits', (dialect) => {
  let t: TestApp;
  let today: string;
  beforeAll(async () => {
    // The page cache on, as in production: its hits end the request early and must be counted all the same.
    t = await createTestApp(dialect, { env: { PAGE_CACHE_SECONDS: '30' } });
    today = new Date().toISOString().slice(0, 10);
  });
  afterAll(async () => t?.close());

  const views = async (path: string) => (await mostReadPages(t.app.db, { from: today, to: today }, 100)).find((p) => p.path === path)?.views ?? 0;

  it('counts public page views of browsers only, cached hits included, and stores nothing about the reader', async () => {
    await t.app.flushPageViews();
    const before = await views('/news');
    for (let i = 0; i < 3; i++) {
      const response = await t.app.inject({ url: i ? '/news' : '/news?page=1', headers: { 'user-agent': BROWSER } });
      expect(response.statusCode).toBe(200);
    }
    expect((await t.app.inject({ url: '/news', headers: { 'user-agent': BROWSER } })).headers['x-page-cache']).toBe('hit');
    // Not counted: a bot, no user agent, a prefetch, a HEAD, a missing page, a feed, the back office.
    await t.app.inject({ url: '/news', headers: { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' } });
    await t.app.inject({ url: '/news', headers: { 'user-agent': '' } });
    await t.app.inject({ url: '/news', headers: { 'user-agent': BROWSER, 'sec-purpose': 'prefetch' } });
    await t.app.inject({ method: 'HEAD', url: '/news', headers: { 'user-agent': BROWSER } });
    await t.app.inject({ url: '/news/no-such-post', headers: { 'user-agent': BROWSER } });
    await t.app.inject({ url: '/news.xml', headers: { 'user-agent': BROWSER } });
    const admin = await signIn(t.app, { role: 'admin' });
    await t.app.inject({ url: '/admin', headers: { 'user-agent': BROWSER, cookie: admin.cookie } });
    // Nothing is written per request: the views wait in memory until the flush.
    expect(await views('/news')).toBe(before);
    await t.app.flushPageViews();
    expect(await views('/news')).toBe(before + 4);
    expect(await views('/news/no-such-post')).toBe(0);
    expect(await views('/news.xml')).toBe(0);
    expect(await views('/admin')).toBe(0);
    const columns = Object.keys((await t.app.db.selectFrom('page_views').selectAll().executeTakeFirstOrThrow()) as object).sort();
    expect(columns).toEqual(['day', 'path', 'views']);
  });

  it('adds to the day already stored, as several instances do', async () => {
    await addPageViews(t.app.db, [{ day: '2026-01-05', path: '/events', views: 5 }]);
    await addPageViews(t.app.db, [
      { day: '2026-01-05', path: '/events', views: 2 },
      { day: '2026-01-06', path: '/events', views: 1 },
      { day: '2026-01-06', path: '/', views: 10 },
    ]);
    const range = { from: '2026-01-01', to: '2026-01-31' };
    expect(await mostReadPages(t.app.db, range)).toEqual([
      { path: '/', views: 10 },
      { path: '/events', views: 8 },
    ]);
    expect(await totalPageViews(t.app.db, range)).toBe(18);
    expect(await totalPageViews(t.app.db, { from: '2026-01-06', to: '2026-01-06' })).toBe(11);
  });
});
