import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { describeInBrowser, launchBrowser, listen } from '../helpers/browser.js';
import { eventWithRegistration } from '../helpers/registration.js';

describeInBrowser('a visitor registers for a hybrid event', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let slug: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { seeded: false });
    ({ event: { slug } } = await eventWithRegistration(t.app, { settings: { inPersonCapacity: 20 } }));
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('fixes a mistake the form points out, registers online and switches to in person', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/events/${slug}`);
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
