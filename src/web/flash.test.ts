import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, signIn, type TestApp } from '../../test/helpers/app.js';
import { FLASH_MESSAGES, flashMessage } from './flash.js';

const FAKE = 'Your account is locked. Call +32 2 555 0100 to unlock it';

describeEachDatabase('flash messages after a back-office action', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = (await signIn(t.app, { role: 'admin' })).cookie;
  });
  afterAll(async () => t?.close());

  it('shows no text a link passes in ?done= on any back-office page', async () => {
    const pages = t.app.registeredRoutes.filter((r) => r.method === 'GET' && r.url.startsWith('/admin') && !r.url.includes(':'));
    expect(pages.length).toBeGreaterThan(10);
    for (const { url } of pages) {
      for (const done of [FAKE, 'toString', '__proto__', 'saved&done=' + FAKE]) {
        const response = await t.app.inject({ url: `${url}?done=${encodeURIComponent(done)}`, headers: { cookie: admin } });
        expect(response.statusCode, url).toBeLessThan(500);
        expect(response.body, url).not.toContain('Call +32 2 555');
        expect(response.body, url).not.toContain('class="notice success" role="status">toString');
      }
    }
  });

  it('shows the catalogue message for a known key, and the redirect after an action carries only a key', async () => {
    const page = await t.app.inject({ url: '/admin/users?done=account-saved', headers: { cookie: admin } });
    expect(page.body).toMatch(/<p class="notice success" role="status">Account saved\.<\/p>/);

    const csrf = await csrfFor(t.app, admin);
    const invite = await t.app.inject({
      method: 'POST',
      url: '/admin/users/invite',
      headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: csrf.token, email: 'new.editor@example.org', name: 'New Editor', role: 'editor' }),
    });
    expect(invite.statusCode).toBe(303);
    expect(invite.headers.location).toBe('/admin/users?done=invitation-sent');
    const after = await t.app.inject({ url: invite.headers.location as string, headers: { cookie: admin } });
    expect(after.body).toContain('role="status">Invitation sent.</p>');
  });

  it('looks keys up in the catalogue only', () => {
    for (const [key, message] of Object.entries(FLASH_MESSAGES)) expect(flashMessage({ done: key })).toBe(message);
    expect(flashMessage({ done: 'constructor' })).toBeUndefined();
    expect(flashMessage({ done: ['saved', 'deleted'] })).toBeUndefined();
    expect(flashMessage(undefined)).toBeUndefined();
  });
});
