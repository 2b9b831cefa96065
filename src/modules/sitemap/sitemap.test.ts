import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';

describeEachDatabase('sitemap and robots', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: true });
  });
  afterAll(async () => t?.close());

  it('lists every public page with its last change, and each one answers 200', async () => {
    const response = await t.app.inject('/sitemap.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    const urls = [...response.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(t.config.baseUrl, ''));
    for (const path of ['/', '/news', '/events', '/projects', '/library', '/galleries', '/synergies', '/map']) expect(urls).toContain(path);
    const [news] = await t.app.db.selectFrom('news').select(['slug', 'updated_at']).where('status', '=', 'published').limit(1).execute();
    expect(response.body).toContain(`<loc>${t.config.baseUrl}/news/${news.slug}</loc><lastmod>${news.updated_at.slice(0, 10)}</lastmod>`);
    expect(urls.some((u) => u.startsWith('/events/'))).toBe(true);
    expect(urls.some((u) => u.startsWith('/projects/'))).toBe(true);
    expect(urls.some((u) => u.startsWith('/topics/'))).toBe(true);
    const statuses = await Promise.all(urls.map(async (url) => [url, (await t.app.inject(url)).statusCode] as const));
    expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
  });

  it('keeps crawlers out of the back office and personal links, and points them to the sitemap', async () => {
    const robots = await t.app.inject('/robots.txt');
    expect(robots.statusCode).toBe(200);
    expect(robots.body).toContain('Disallow: /admin');
    expect(robots.body).toContain('Disallow: /registrations/');
    expect(robots.body).toContain(`Sitemap: ${t.config.baseUrl}/sitemap.xml`);
  });
});
