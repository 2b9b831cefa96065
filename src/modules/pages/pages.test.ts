import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, signIn, type TestApp } from '../../../test/helpers/app.js';
import { countRedirects } from '../redirects/service.js';
import { countPages, findPageById } from './service.js';

describeEachDatabase('static pages and redirects in the back office', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
    admin = (await signIn(t.app, { role: 'admin' })).cookie;
  });
  afterAll(async () => t?.close());

  const post = async (url: string, fields: Record<string, string>) => {
    const csrf = await csrfFor(t.app, admin);
    return t.app.inject({ method: 'POST', url, headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: csrf.token }).toString() });
  };
  const idFrom = (location: unknown) => Number(/\/(\d+)\?/.exec(String(location))![1]);

  it('publishes a page in the footer and a child page below it, sanitised, linked from every page', async () => {
    const parent = await post('/admin/pages', { title: 'Legal notice', bodyMd: 'Published by **the hub**. <script>alert(1)</script>', status: 'published', navPlacement: 'footer', navOrder: '1' });
    expect(parent.statusCode).toBe(303);
    const parentId = idFrom(parent.headers.location);
    const child = await post('/admin/pages', { title: 'Privacy policy', slug: 'privacy', parentId: String(parentId), bodyMd: 'We keep little.', status: 'published', navPlacement: 'main', navOrder: '0' });
    expect(child.statusCode).toBe(303);
    const page = await t.app.inject('/pages/legal-notice');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>the hub</strong>');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('href="/pages/legal-notice/privacy"');
    const news = await t.app.inject('/news');
    expect(news.body).toMatch(/<footer[\s\S]*href="\/pages\/legal-notice">Legal notice<\/a>/);
    expect(news.body).toMatch(/<nav aria-label="Main"[\s\S]*href="\/pages\/legal-notice\/privacy">Privacy policy<\/a>[\s\S]*About/);
  });

  it('moves a page when its address changes, and the old address redirects', async () => {
    const id = idFrom((await post('/admin/pages', { title: 'Contact', bodyMd: 'Write to us.', status: 'published', navPlacement: 'none', navOrder: '0' })).headers.location);
    const moved = await post(`/admin/pages/${id}`, { title: 'Contact', slug: 'contact-us', bodyMd: 'Write to us.', status: 'published', navPlacement: 'none', navOrder: '0' });
    expect(moved.statusCode).toBe(303);
    expect((await findPageById(t.app.db, id))?.path).toBe('contact-us');
    const old = await t.app.inject('/pages/contact');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/pages/contact-us');
  });

  it('re-renders a wrong page form with messages (422) and stores nothing; drafts stay off the site', async () => {
    const before = await countPages(t.app.db);
    const response = await post('/admin/pages', { title: '', slug: 'Not A Slug!', bodyMd: 'x', status: 'sideways', navPlacement: 'header', navOrder: '-1' });
    expect(response.statusCode).toBe(422);
    for (const field of ['title', 'slug', 'navPlacement', 'navOrder']) expect(response.body).toContain(`field-${field}-error`);
    expect(response.body).toContain('href="#field-status">Choose draft or published.');
    expect(await countPages(t.app.db)).toBe(before);
    await post('/admin/pages', { title: 'Secret draft', bodyMd: 'x', status: 'draft', navPlacement: 'main', navOrder: '0' });
    expect((await t.app.inject('/pages/secret-draft')).statusCode).toBe(404);
    expect((await t.app.inject('/news')).body).not.toContain('Secret draft');
    expect((await t.app.inject('/pages/..%2F..%2Fetc')).statusCode).toBeLessThan(500);
  });

  it('adds, changes and deletes a redirect; refuses a duplicate or a javascript: target', async () => {
    const created = await post('/admin/redirects', { fromPath: '/Old-Membership/', toPath: '/pages/legal-notice' });
    expect(created.statusCode).toBe(303);
    const hit = await t.app.inject('/old-membership');
    expect(hit.statusCode).toBe(301);
    expect(hit.headers.location).toBe('/pages/legal-notice');
    const before = await countRedirects(t.app.db);
    const duplicate = await post('/admin/redirects', { fromPath: '/old-membership', toPath: '/news' });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.body).toContain('already has a redirect');
    for (const toPath of ['javascript:alert(1)', '//evil.example', 'news']) {
      expect((await post('/admin/redirects', { fromPath: '/another-old', toPath })).statusCode).toBe(422);
    }
    expect(await countRedirects(t.app.db)).toBe(before);
    const row = await t.app.db.selectFrom('redirects').select('id').where('from_path', '=', '/old-membership').executeTakeFirstOrThrow();
    expect((await post(`/admin/redirects/${row.id}`, { fromPath: '/old-membership', toPath: '/events' })).statusCode).toBe(303);
    expect((await t.app.inject('/old-membership/')).headers.location).toBe('/events');
    expect((await post(`/admin/redirects/${row.id}/delete`, {})).statusCode).toBe(303);
    expect((await t.app.inject('/old-membership/')).statusCode).toBe(404);
  });
});
