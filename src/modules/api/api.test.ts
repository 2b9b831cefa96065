import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';

describeEachDatabase('JSON API', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.db.updateTable('events').set({ meeting_url: 'https://zoom.example/j/secret-123' }).execute();
  });
  afterAll(async () => t?.close());

  it('lists events, news and projects, each item with the path of its page', async () => {
    for (const path of ['/api/v1/events', '/api/v1/news', '/api/v1/projects']) {
      const response = await t.app.inject(path);
      expect(response.statusCode, path).toBe(200);
      const body = response.json() as { items: { url: string }[]; total: number };
      expect(body.items.length, path).toBeGreaterThan(0);
      expect(body.total).toBeGreaterThanOrEqual(body.items.length);
      for (const item of body.items) {
        expect(item.url).toMatch(/^\/(events|news|projects)\/[a-z0-9-]+$/);
        expect((await t.app.inject(item.url)).statusCode, item.url).toBe(200);
      }
    }
  });

  it('answers one event, news post or project by slug, and 404 in JSON for an unknown or draft one', async () => {
    for (const list of ['events', 'news', 'projects']) {
      const [first] = ((await t.app.inject(`/api/v1/${list}`)).json() as { items: { slug: string; title: string }[] }).items;
      const one = await t.app.inject(`/api/v1/${list}/${first.slug}`);
      expect(one.statusCode, list).toBe(200);
      expect(one.json()).toMatchObject({ slug: first.slug, title: first.title });
      const missing = await t.app.inject(`/api/v1/${list}/no-such-${list}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
      expect((await t.app.inject(`/api/v1/${list}/Bad%20Slug`)).statusCode).toBe(400);
    }
    const draft = await t.app.db.selectFrom('events').select('slug').executeTakeFirstOrThrow();
    await t.app.db.updateTable('events').set({ status: 'draft' }).where('slug', '=', draft.slug).execute();
    expect((await t.app.inject(`/api/v1/events/${draft.slug}`)).statusCode).toBe(404);
    await t.app.db.updateTable('events').set({ status: 'published' }).where('slug', '=', draft.slug).execute();
    expect((await t.app.inject(`/api/v1/events/${draft.slug}`)).body).not.toContain('secret-123');
    const spec = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/events/{slug}', '/api/v1/news/{slug}', '/api/v1/projects/{slug}']) expect(spec.paths[path], path).toBeDefined();
  });

  it('never exposes a meeting link', async () => {
    const response = await t.app.inject('/api/v1/events');
    expect(response.body).not.toContain('secret-123');
    const page = await t.app.inject('/events/exceed-capacity-building-seminar-2024');
    expect(page.body).not.toContain('secret-123');
    const ics = await t.app.inject('/events.ics');
    expect(ics.body).not.toContain('secret-123');
  });

  it('filters events and refuses unknown filter values with a JSON error', async () => {
    const online = (await t.app.inject('/api/v1/events?format=online')).json() as { items: { format: string }[] };
    expect(online.items.every((e) => e.format === 'online')).toBe(true);
    const bad = await t.app.inject('/api/v1/events?format=teleport');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'bad_request' } });
    const unknown = await t.app.inject('/api/v1/events?colour=red');
    expect(unknown.statusCode).toBe(400);
  });

  it('takes a limit from 1 to 100 on every list, documented, and refuses 101 with a message naming the bound', async () => {
    const lists = ['/api/v1/events', '/api/v1/news', '/api/v1/projects', '/api/v1/search?q=battery', '/api/v1/projects/enicon/related'];
    const spec = (await t.app.inject('/api/openapi.json')).json() as {
      paths: Record<string, { get: { parameters: { name: string; in: string; description?: string; schema: { minimum?: number; maximum?: number } }[] } }>;
    };
    for (const list of lists) {
      const path = list.split('?')[0];
      const limit = spec.paths[path.replace('enicon', '{slug}')].get.parameters.find((p) => p.name === 'limit' && p.in === 'query');
      expect(limit, path).toMatchObject({ schema: { minimum: 1, maximum: 100 } });
      expect(limit?.description, path).toMatch(/from 1 to 100/);
      const joiner = list.includes('?') ? '&' : '?';
      const one = await t.app.inject(`${list}${joiner}limit=1`);
      expect(one.statusCode, list).toBe(200);
      const body = one.json() as { items?: unknown[]; results?: unknown[]; related?: unknown[] };
      expect((body.items ?? body.results ?? body.related)!.length, list).toBeLessThanOrEqual(1);
      expect((await t.app.inject(`${list}${joiner}limit=100`)).statusCode, list).toBe(200);
      for (const wrong of ['101', '0']) {
        const refused = await t.app.inject(`${list}${joiner}limit=${wrong}`);
        expect(refused.statusCode, `${list} limit=${wrong}`).toBe(400);
        expect(refused.json(), list).toMatchObject({ error: { code: 'bad_request', fields: { limit: wrong === '0' ? 'must be at least 1' : 'must be at most 100' } } });
        expect((refused.json() as { error: { message: string } }).error.message).toContain(wrong === '0' ? 'limit must be at least 1' : 'limit must be at most 100');
      }
    }
    const events = (await t.app.inject('/api/v1/events?limit=2&page=2')).json() as { items: unknown[]; page: number; pageCount: number; total: number };
    expect(events).toMatchObject({ page: 2, pageCount: Math.ceil(events.total / 2) });
    const projects = (await t.app.inject('/api/v1/projects?limit=1&page=2')).json() as { items: { slug: string }[]; total: number; pageCount: number };
    const all = (await t.app.inject('/api/v1/projects')).json() as { items: { slug: string }[]; total: number };
    expect(all.items).toHaveLength(all.total);
    expect(projects.items.map((p) => p.slug)).toEqual([all.items[1].slug]);
    expect(projects.pageCount).toBe(all.total);
  });

  it('describes itself in an OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/events', '/api/v1/news', '/api/v1/projects']));
  });

  it('answers /healthz when the database answers', async () => {
    const response = await t.app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: dialect });
  });
});
