import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from './helpers/app.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '%',
  '%%%',
  '\u0000',
  '../../etc/passwd',
  'ä'.repeat(3000),
  '[]',
  '{"$gt":""}',
];

const PAGES = ['/', '/news', '/events', '/projects', '/about', '/api/v1/events', '/api/v1/news', '/api/v1/projects', '/news.xml', '/events.ics'];

describeEachDatabase('bad input on public routes', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('never answers 5xx and never reflects hostile strings unescaped', async () => {
    for (const page of PAGES) {
      for (const value of HOSTILE) {
        for (const key of ['page', 'type', 'format', 'project', 'when', 'tag', 'q', 'x']) {
          const url = `${page}?${key}=${encodeURIComponent(value)}`;
          const response = await t.app.inject(url);
          expect(response.statusCode, url).toBeLessThan(500);
          expect(response.body, url).not.toContain('<script>alert(1)</script>');
          expect(response.body, url).not.toContain('<img src=x onerror');
        }
      }
    }
  });

  it('handles malformed query strings, huge page numbers and hostile slugs', async () => {
    const urls = [
      '/events?%E0%A4%A',
      '/news?page=%zz',
      '/events?page=99999999999999999999',
      '/news?page=-1',
      '/news?page=1.5',
      '/events?page=5000',
      '/news?page=5000',
      '/events?type=webinar&type=seminar',
      '/events/%3Cscript%3E',
      '/news/' + 'a'.repeat(5000),
      '/projects/..%2F..%2Fetc%2Fpasswd',
      '/events/%00',
      '/events/x.ics?y=%',
    ];
    for (const url of urls) {
      const response = await t.app.inject(url);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(200);
      expect(response.statusCode, url).toBeLessThan(500);
      expect(response.body, url).not.toContain('<script>');
    }
    const nulInForm = await t.app.inject({ method: 'POST', url: '/api/v1/events', payload: { name: 'a\u0000b' } });
    expect(nulInForm.statusCode).toBeLessThan(500);
    const farPage = await t.app.inject('/events?page=5000');
    expect(farPage.statusCode).toBe(200);
    expect(farPage.body).toContain('Page 5000');
  });

  it('answers unknown paths with a real 404 page', async () => {
    const response = await t.app.inject('/no/such/page');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<main');
    const api = await t.app.inject('/api/v1/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
