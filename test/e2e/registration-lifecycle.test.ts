import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import { eventWithRegistration } from '../helpers/registration.js';

/** Fills and sends the public registration form of an event whose organisers ask for organisation and country. */
async function registerThroughForm(page: Page, who: { name: string; email: string; mode?: RegExp }) {
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Full name').fill(who.name);
  await page.getByLabel('Organisation', { exact: true }).fill('Tampere University');
  await page.getByLabel('Country').selectOption('FI');
  if (who.mode) await page.getByRole('radio', { name: who.mode }).check();
  await page.getByLabel('I agree.').check();
  await page.locator('form.registration-form button[type=submit]').click();
}

describeInBrowser('a person cancels, thinks again and registers again', () => {
  const journey = useJourney({ seeded: false });
  let slug: string;
  beforeAll(async () => {
    ({ event: { slug } } = await eventWithRegistration(journey.t.app, { format: 'in-person', settings: { inPersonCapacity: 10 } }));
  });

  it('confirms the cancellation on a second screen, then takes a place again with the same address', async () => {
    const page = await journey.browser.newPage();
    await page.goto(`${journey.base}/events/${slug}/register`);
    await registerThroughForm(page, { name: 'Cai Canceller', email: 'cai@example.org' });
    await expect.poll(() => page.locator('.registration-status').textContent()).toContain('Your in-person place is confirmed');
    const manageUrl = page.url().split('?')[0];
    await page.getByRole('link', { name: 'Cancel my registration' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Cancel your registration?');
    expect(await page.locator('main').textContent()).toContain('Your in-person place goes to the next person on the waiting list');
    // changing one's mind on the second step keeps the place
    await page.getByRole('link', { name: 'No, keep my registration' }).click();
    await expect.poll(() => page.locator('.registration-status').textContent()).toContain('Your in-person place is confirmed');
    await page.getByRole('link', { name: 'Cancel my registration' }).click();
    await page.getByRole('button', { name: 'Yes, cancel my registration' }).click();
    await expect.poll(() => page.locator('.registration-status').textContent()).toContain('Your registration is cancelled');
    await page.getByRole('link', { name: 'Register again' }).click();
    await registerThroughForm(page, { name: 'Cai Canceller', email: 'CAI@example.org' });
    await expect.poll(() => page.locator('.registration-status').textContent()).toContain('Your in-person place is confirmed');
    expect(page.url().split('?')[0]).toBe(manageUrl);
    await page.close();
  });
});

describeInBrowser('a person who lost their link asks for it again', () => {
  const journey = useJourney({ seeded: false });
  let slug: string;
  beforeAll(async () => {
    ({ event: { slug } } = await eventWithRegistration(journey.t.app, { format: 'online' }));
  });

  it('finds the form from the registration page and opens the link from the mail', async () => {
    const page = await journey.browser.newPage();
    await page.goto(`${journey.base}/events/${slug}/register`);
    await registerThroughForm(page, { name: 'Lou Lostlink', email: 'lou@example.org' });
    await expect.poll(() => page.locator('.registration-status').textContent()).toContain('Your online place is confirmed');
    await page.goto(`${journey.base}/events/${slug}/register`);
    await page.getByRole('link', { name: 'Have it sent again' }).click();
    await page.getByLabel('E-mail address').fill('lou@example.org');
    await page.getByRole('button', { name: 'Send my link' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('If lou@example.org is registered');
    await journey.t.runJobs();
    const mail = await journey.t.app.db.selectFrom('mail_messages').select('text_body').where('to_address', '=', 'lou@example.org').where('subject', 'like', 'Your link for%').executeTakeFirstOrThrow();
    const link = /Manage your registration: (\S+)/.exec(mail.text_body)![1];
    await page.goto(link.replace(journey.t.app.config.baseUrl, journey.base));
    await expect.poll(() => page.locator('.registration-status').textContent()).toContain('Your online place is confirmed');
    await page.close();
  });
});

describeInBrowser('both pools are full', () => {
  const journey = useJourney({ seeded: false });
  let slug: string;
  beforeAll(async () => {
    ({ event: { slug } } = await eventWithRegistration(journey.t.app, { settings: { inPersonCapacity: 0, onlineCapacity: 0 } }));
  });

  it('says so on the form and puts the person on the waiting list with their number', async () => {
    const page = await journey.browser.newPage();
    await page.goto(`${journey.base}/events/${slug}/register`);
    await expect.poll(() => page.locator('.registration-form [role=status]').textContent()).toContain('All in-person and online places are taken');
    expect(await page.getByText('Give me an online place instead').count()).toBe(0);
    await registerThroughForm(page, { name: 'Wim Waiting', email: 'wim@example.org', mode: /In person/ });
    await expect.poll(() => page.locator('.registration-status').textContent()).toContain('You are number 1 on the waiting list for an in-person place');
    await page.close();
  });
});

describeInBrowser('a place is offered and accepted', () => {
  const journey = useJourney({ seeded: false });
  let slug: string;
  beforeAll(async () => {
    ({ event: { slug } } = await eventWithRegistration(journey.t.app, { format: 'in-person', settings: { inPersonCapacity: 1 } }));
  });

  it('moves the first person waiting to "your place is confirmed"', async () => {
    const first = await journey.browser.newPage();
    await first.goto(`${journey.base}/events/${slug}/register`);
    await registerThroughForm(first, { name: 'Fay First', email: 'fay@example.org' });
    await expect.poll(() => first.locator('.registration-status').textContent()).toContain('Your in-person place is confirmed');
    const second = await journey.browser.newPage();
    await second.goto(`${journey.base}/events/${slug}/register`);
    await registerThroughForm(second, { name: 'Sam Second', email: 'sam@example.org' });
    await expect.poll(() => second.locator('.registration-status').textContent()).toContain('You are number 1 on the waiting list');
    await first.getByRole('link', { name: 'Cancel my registration' }).click();
    await first.getByRole('button', { name: 'Yes, cancel my registration' }).click();
    await second.reload();
    await expect.poll(() => second.locator('.registration-status').textContent()).toContain('is yours if you accept it by');
    await second.getByRole('button', { name: 'Accept the place' }).click();
    await expect.poll(() => second.getByRole('status').textContent()).toContain('your place is confirmed');
    expect(await second.locator('.registration-status').textContent()).toContain('Your in-person place is confirmed');
    await first.close();
    await second.close();
  });
});
