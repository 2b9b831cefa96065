import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import { eventWithRegistration } from '../helpers/registration.js';

describeInBrowser('a visitor registers for a hybrid event', () => {
  const journey = useJourney({ seeded: false });
  let slug: string;
  beforeAll(async () => {
    ({ event: { slug } } = await eventWithRegistration(journey.t.app, { settings: { inPersonCapacity: 20 } }));
  });

  it('fixes a mistake the form points out, registers online and switches to in person', async () => {
    const page = await journey.browser.newPage();
    await page.goto(`${journey.base}/events/${slug}`);
    await page.getByRole('link', { name: 'Register', exact: true }).click();
    await page.getByLabel('E-mail address').fill('not an address');
    await page.getByLabel('Full name').fill('Ana Registrant');
    await page.getByLabel('Organisation').fill('Université de Liège');
    await page.getByLabel('Country').selectOption('BE');
    await page.getByRole('radio', { name: /Online/ }).check();
    await page.getByLabel('I agree.').check();
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Enter an e-mail address like');
    expect(await page.getByLabel('Full name').inputValue()).toBe('Ana Registrant');
    await page.getByLabel('E-mail address').fill('ana@example.org');
    await page.getByLabel('I agree.').check();
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('we have your registration');
    await expect.poll(() => page.locator('dl.facts').textContent()).toContain('Your online place is confirmed');
    await page.getByRole('button', { name: 'Switch to in person' }).click();
    await expect.poll(() => page.locator('dl.facts').textContent()).toContain('Your in person place is confirmed');
    await page.close();
  });
});
