import Fastify from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../test/helpers/app.js';
import { pageCachePlugin } from './page-cache.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('sqlite', { env: { PAGE_CACHE_SECONDS: '60' } });
});
afterAll(async () => t?.close());

it('serves repeated anonymous requests of the real app from the cache', async () => {
  const first = await t.app.inject('/news');
  expect(first.headers['x-page-cache']).toBeUndefined();
  const second = await t.app.inject('/news');
  expect(second.headers['x-page-cache']).toBe('hit');
  expect(second.body).toBe(first.body);
  t.app.invalidatePageCache();
  expect((await t.app.inject('/news')).headers['x-page-cache']).toBeUndefined();
});

it('never serves a cached page to a signed-in person', async () => {
  await t.app.inject('/events');
  await t.app.inject('/events');
  const { cookie } = await signIn(t.app, { role: 'member' });
  const signedIn = await t.app.inject({ url: '/events', headers: { cookie } });
  expect(signedIn.headers['x-page-cache']).toBeUndefined();
  expect(signedIn.body).toContain('Sign out');
});

it('forgets every page after a signed-in person’s successful write, not after a refused or anonymous one', async () => {
  const app = Fastify();
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    if (request.headers['x-editor']) request.user = { id: 1, email: 'e@example.org', name: 'Editor', role: 'admin', projectIds: [] };
  });
  await app.register(pageCachePlugin, { ttlSeconds: 60 });
  let counter = 0;
  app.get('/page', { config: { publicCache: true } }, async () => `version ${counter}`);
  app.post('/write', async () => ({ counter: ++counter }));
  app.post('/refused', async (_request, reply) => reply.code(422).send({}));
  await app.ready();
  expect((await app.inject('/page')).body).toBe('version 0');
  await app.inject({ method: 'POST', url: '/refused', headers: { 'x-editor': '1' } });
  expect((await app.inject('/page')).headers['x-page-cache']).toBe('hit');
  await app.inject({ method: 'POST', url: '/write' });
  expect((await app.inject('/page')).headers['x-page-cache']).toBe('hit');
  await app.inject({ method: 'POST', url: '/write', headers: { 'x-editor': '1' } });
  const after = await app.inject('/page');
  expect(after.headers['x-page-cache']).toBeUndefined();
  expect(after.body).toBe('version 2');
  await app.close();
});

it('replays the security headers of the original answer on a hit', async () => {
  await t.app.inject('/about');
  const hit = await t.app.inject('/about');
  expect(hit.headers['x-page-cache']).toBe('hit');
  expect(hit.headers['content-security-policy']).toContain("script-src 'self'");
  expect(hit.headers['x-content-type-options']).toBe('nosniff');
  expect(hit.headers['content-type']).toContain('text/html');
});
