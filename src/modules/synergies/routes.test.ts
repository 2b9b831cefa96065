import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, signIn, type TestApp } from '../../../test/helpers/app.js';
import { listTopics } from './service.js';

describeEachDatabase('synergies pages', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('shows the member matrix as a table with headers and a network drawing', async () => {
    const page = await t.app.inject('/synergies');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<table class="matrix">');
    expect(page.body).toContain('scope="col"');
    expect(page.body).toContain('scope="row"');
    expect(page.body).toContain('<svg class="network"');
    expect(page.body).toContain('Source: CORDIS, European Commission');
  });

  it('draws the map with points, a choropleth and a table, and validates its filters', async () => {
    const page = await t.app.inject('/map');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('class="europe-map"');
    expect(page.body).toMatch(/<circle cx="[\d.]+" cy="[\d.]+" r="6">/);
    expect(page.body).toContain('<caption id="map-table-caption">');
    expect(page.body).toContain('KU Leuven');
    const filtered = await t.app.inject('/map?country=BE&type=HES&stage=processing-refining&project=');
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain('KU Leuven');
    // Seeded with the EU's code EL; stored as GR, drawn in Crete (the south edge of the map), counted under Greece.
    const greece = await t.app.inject('/map?country=GR');
    expect(greece.statusCode).toBe(200);
    expect(greece.body).toContain('<title>Technical University of Crete (Chania)');
    expect(greece.body).toContain('Chania, Greece');
    expect(greece.body).toContain('<li>Greece: 1</li>');
    expect(greece.body).not.toContain('without a known location');
    for (const bad of ['/map?country=Belgium', '/map?stage=%3Cscript%3E', '/map?type=XYZ', '/map?project=../../etc', '/map?unknown=1']) {
      const response = await t.app.inject(bad);
      expect(response.statusCode, bad).toBe(400);
      expect(response.body).not.toContain('<script>');
    }
  });

  it('answers 404 for an unknown topic and 400 for a malformed slug', async () => {
    expect((await t.app.inject('/topics/no-such-topic')).statusCode).toBe(404);
    expect((await t.app.inject('/topics/Bad%20Slug!')).statusCode).toBe(400);
  });

  it('keeps the discussion for signed-in members and takes posts and replies', async () => {
    const [topic] = await listTopics(t.app.db);
    expect(topic).toBeDefined();
    const anonymous = await t.app.inject(`/topics/${topic.slug}`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain('Sign in</a> to read and take part');
    const member = await signIn(t.app, { role: 'member', name: 'Ana Member' });
    const { cookie, token } = await csrfFor(t.app, member.cookie);
    const post = await t.app.inject({ method: 'POST', url: `/topics/${topic.slug}/posts`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, body: 'Shall we compare leaching routes?' }) });
    expect(post.statusCode, post.body.slice(0, 3000)).toBe(303);
    const page = await t.app.inject({ url: `/topics/${topic.slug}`, headers: { cookie } });
    expect(page.body).toContain('Shall we compare leaching routes?');
    const parentId = /name="parentId" value="(\d+)"/.exec(page.body)?.[1];
    expect(parentId).toBeDefined();
    const reply = await t.app.inject({ method: 'POST', url: `/topics/${topic.slug}/posts`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, body: 'Yes, at the next workshop.', parentId: parentId! }) });
    expect(reply.statusCode).toBe(303);
    const empty = await t.app.inject({ method: 'POST', url: `/topics/${topic.slug}/posts`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, body: '   ' }) });
    expect(empty.statusCode).toBe(422);
    const badParent = await t.app.inject({ method: 'POST', url: `/topics/${topic.slug}/posts`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, body: 'x', parentId: '999999' }) });
    expect(badParent.statusCode).toBe(422);
    const hugeParent = await t.app.inject({ method: 'POST', url: `/topics/${topic.slug}/posts`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, body: 'x', parentId: '99999999999' }) });
    expect(hugeParent.statusCode).toBe(400);
    const noBody = await t.app.inject({ method: 'POST', url: `/topics/${topic.slug}/posts`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token }) });
    expect(noBody.statusCode).toBe(400);
    const anonymousPost = await t.app.inject({ method: 'POST', url: `/topics/${topic.slug}/posts`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ body: 'x' }) });
    expect(anonymousPost.statusCode).toBeGreaterThanOrEqual(400);
    expect(anonymousPost.statusCode).toBeLessThan(500);
    const noCsrf = await t.app.inject({ method: 'POST', url: `/topics/${topic.slug}/posts`, headers: { cookie: member.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ body: 'x' }) });
    expect(noCsrf.statusCode).toBe(403);
    const after = await t.app.inject({ url: `/topics/${topic.slug}`, headers: { cookie } });
    expect(after.body).toContain('Yes, at the next workshop.');
  });

  it('shows join candidates to admins only', async () => {
    const anonymous = await t.app.inject('/synergies/could-join');
    expect(anonymous.statusCode).toBe(302);
    const member = await signIn(t.app, { role: 'member' });
    expect((await t.app.inject({ url: '/synergies/could-join', headers: { cookie: member.cookie } })).statusCode).toBe(403);
    const admin = await signIn(t.app, { role: 'admin' });
    const page = await t.app.inject({ url: '/synergies/could-join', headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Projects that could join');
  });

  it('serves related projects as JSON and refuses bad limits', async () => {
    const ok = await t.app.inject('/api/v1/projects/enicon/related?limit=5');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().project).toBe('enicon');
    expect((await t.app.inject('/api/v1/projects/enicon/related?limit=500')).statusCode).toBe(400);
    expect((await t.app.inject('/api/v1/projects/no-such/related')).statusCode).toBe(404);
    for (const bad of ['/api/v1/projects/%00/related', '/topics/%00', '/map?project=%00', '/map?country=%00', '/topics/a%00b']) {
      expect((await t.app.inject(bad)).statusCode, bad).toBe(400);
    }
  });
});
