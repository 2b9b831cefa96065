import { beforeAll, expect, it } from 'vitest';
import { signIn } from '../helpers/app.js';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import { eventWithRegistration, person, postRegistration } from '../helpers/registration.js';
import { checkInPath } from '../../src/modules/registration/service.js';
import { SESSION_COOKIE } from '../../src/lib/auth.js';

describeInBrowser('check-in at the door on a phone', () => {
  const journey = useJourney({ seeded: false });
  let eventId: number;
  let cookie: string;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const { app } = journey.t;
    const { event, projectId } = await eventWithRegistration(app, { settings: { inPersonCapacity: 50 } });
    eventId = event.id;
    const people: [string, string, string][] = [
      ['zoe', 'Zoë Zimmermann', 'in-person'],
      ['ana', 'Ana Álvarez', 'in-person'],
      ['bjorn', 'Björn Berg', 'in-person'],
      ['olga', 'Olga Online', 'online'],
      ['carl', 'Carl Cancelled', 'in-person'],
    ];
    for (const [key, name, mode] of people) {
      await postRegistration(app, event.slug, person(key, { name, mode }));
      ids[key] = (await app.db.selectFrom('registrations').select('id').where('email_normalised', '=', `person${key}@example.org`).executeTakeFirstOrThrow()).id;
    }
    await app.db.updateTable('registrations').set({ status: 'cancelled', holds_seat: 0 }).where('id', '=', ids.carl).execute();
    ({ cookie } = await signIn(app, { role: 'editor', projectIds: [projectId] }));
  });

  const phone = async () => {
    const context = await journey.browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie.split('=')[1], url: journey.base }]);
    return context.newPage();
  };
  const counts = (page: Awaited<ReturnType<typeof phone>>) => page.locator('.door-count').textContent();

  it('opens from the QR code, checks in with one tap, filters as you type and undoes', async () => {
    const page = await phone();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // the camera app opens the link in the browser where the organiser is signed in
    await page.goto(journey.base + checkInPath(journey.t.app.config.secret, eventId, ids.ana));
    expect(await page.getByRole('navigation', { name: 'Back office' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Check in Ana Álvarez' }).click();
    await page.waitForURL(/\/check-in(\?|#|$)/);
    await expect.poll(() => counts(page)).toContain('1 checked in / 3 expected');
    // in-person people only, alphabetical (an accent sorts as its letter)
    expect(await page.locator('.door-list strong').allTextContents()).toEqual(['Ana Álvarez', 'Björn Berg', 'Zoë Zimmermann']);
    await page.getByLabel('Name, organisation or e-mail').fill('zoe');
    await expect.poll(() => page.locator('.door-list li:visible strong').allTextContents()).toEqual(['Zoë Zimmermann']);
    await page.getByRole('button', { name: 'Check in Zoë Zimmermann' }).click();
    await expect.poll(() => counts(page)).toContain('2 checked in / 3 expected');
    await page.getByRole('button', { name: 'Undo check-in of Zoë Zimmermann' }).click();
    await expect.poll(() => counts(page)).toContain('1 checked in / 3 expected');
    // the counts stay in sight when the list is scrolled
    await page.mouse.wheel(0, 2000);
    expect(await page.locator('.door-count').isVisible()).toBe(true);
    expect((await journey.t.app.db.selectFrom('registrations').select('checked_in_at').where('id', '=', ids.zoe).executeTakeFirstOrThrow()).checked_in_at).toBeNull();
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('says plainly why a cancelled or online registration cannot be checked in', async () => {
    const page = await phone();
    await page.goto(journey.base + checkInPath(journey.t.app.config.secret, eventId, ids.carl));
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Carl Cancelled cannot be checked in: cancelled');
    expect(await page.getByRole('button', { name: /Check in/ }).count()).toBe(0);
    await page.goto(journey.base + checkInPath(journey.t.app.config.secret, eventId, ids.olga));
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('registered to attend online; check-in is for people in the room');
    await page.context().close();
  });
});
