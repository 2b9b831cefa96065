import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, signIn, type TestApp } from './helpers/app.js';
import { makePdf, multipart } from './helpers/library-files.js';

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

/** Numbers Ajv's coercion lets through `type: integer` (ajv-validator/ajv#2212): each must be a 400, never a 500. */
const NOT_FINITE = ['Infinity', '-Infinity', '1e309'];

/** A route pattern with every parameter given `value` except `except`, which gets `special`. */
function fill(url: string, value: string, except?: string, special?: string): string {
  return url.replace(/:(\w+)/g, (_, name: string) => (name === except ? special! : value)).replace('*', 'x');
}

describeEachDatabase('bad numbers and broken uploads on every route', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = (await signIn(t.app, { role: 'admin' })).cookie;
  });
  afterAll(async () => t?.close());

  it('refuses a page number that is not finite with 400 on every list route, as a visitor and as an admin', async () => {
    const lists = t.app.registeredRoutes.filter((r) => r.method === 'GET' && r.query.includes('page'));
    // Every list the hub has: public, API and back office (a list added later is picked up by its schema).
    expect(lists.length).toBeGreaterThanOrEqual(17);
    for (const route of lists) {
      const url = fill(route.url, '1');
      const fine = await t.app.inject({ url: `${url}?page=2`, headers: { cookie: admin } });
      expect(fine.statusCode, `${url}?page=2 (the route must be reachable for this test to mean anything)`).toBe(200);
      for (const value of NOT_FINITE) {
        for (const cookie of ['', admin]) {
          const response = await t.app.inject({ url: `${url}?page=${value}`, headers: { cookie, accept: 'application/json' } });
          if (!cookie && [401, 403].includes(response.statusCode)) continue;
          expect(response.statusCode, `${url}?page=${value}`).toBe(400);
          expect(response.json(), `${url}?page=${value}`).toMatchObject({ error: { code: 'bad_request', fields: { page: 'must be a finite number' } } });
        }
      }
    }
  });

  it('never answers 5xx to a number that is not finite in any query parameter or path parameter', async () => {
    const failures: string[] = [];
    for (const route of t.app.registeredRoutes.filter((r) => r.method === 'GET')) {
      const urls = [
        ...route.query.flatMap((name) => NOT_FINITE.map((value) => `${fill(route.url, '1')}?${name}=${value}`)),
        ...[...route.url.matchAll(/:(\w+)/g)].flatMap(([, name]) => NOT_FINITE.map((value) => fill(route.url, '1', name, value))),
      ];
      for (const url of urls) {
        const response = await t.app.inject({ url, headers: { cookie: admin } });
        if (response.statusCode >= 500) failures.push(`${response.statusCode} ${url}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers a cut-off multipart body with 400 on every POST route that takes uploads, even from a visitor without a token', async () => {
    const { cookie, token } = await csrfFor(t.app, admin);
    const whole = multipart({ _csrf: token, title: 'Cut off', status: 'draft' }, [{ name: 'file', fileName: 'slides.pdf', data: makePdf(['A page']), contentType: 'application/pdf' }]);
    const cutOff = whole.payload.subarray(0, whole.payload.length - 40);
    const failures: string[] = [];
    for (const route of t.app.registeredRoutes.filter((r) => r.method === 'POST')) {
      const url = fill(route.url, '1');
      for (const as of [{}, { cookie }]) {
        const response = await t.app.inject({ method: 'POST', url, payload: cutOff, headers: { ...whole.headers, ...as } });
        if (response.statusCode >= 500) failures.push(`${response.statusCode} ${url}`);
      }
    }
    expect(failures).toEqual([]);
    for (const url of ['/admin/news', '/admin/projects/1/logo', '/admin/organisations', '/admin/library', '/admin/library/1/versions']) {
      const response = await t.app.inject({ method: 'POST', url, payload: cutOff, headers: whole.headers });
      expect(response.statusCode, url).toBe(400);
      expect(response.body, url).toContain('The upload was cut off or malformed');
    }
  });

  it('answers 400 with a clear message when a library upload sends its file as a text field', async () => {
    const { cookie, token } = await csrfFor(t.app, admin);
    const before = await t.app.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const body = multipart({ _csrf: token, title: 'Text, not a file', licence: 'CC BY 4.0', attach: 'hub', file: 'I am not a file' });
    const response = await t.app.inject({ method: 'POST', url: '/admin/library', payload: body.payload, headers: { ...body.headers, cookie } });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('must be a file chosen with the form’s file field, not text');
    const after = await t.app.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describeEachDatabase('security headers', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
  });
  afterAll(async () => t?.close());

  it('sends a Content-Security-Policy without inline scripts and the other protective headers on pages', async () => {
    const response = await t.app.inject('/about');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBeDefined();
  });
});
