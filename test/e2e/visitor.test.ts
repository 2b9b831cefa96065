import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { describeInBrowser, launchBrowser, listen } from '../helpers/browser.js';

describeInBrowser('a visitor finds an event programme', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('goes from the home page to an event and sees its programme', async () => {
    const page = await browser.newPage();
    await page.goto(base + '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
    await page.getByRole('link', { name: 'EXCEED 1st Capacity Building Seminar' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('EXCEED');
    const programme = page.getByRole('table', { name: /Programme/ });
    await expect.poll(() => programme.textContent()).toContain('Geochemical assessment');
    await page.close();
  });
});
