import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { describeInBrowser, launchBrowser, listen, screenshots } from '../helpers/browser.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { createProject } from '../../src/modules/directory/service.js';
import { createNews } from '../../src/modules/news/service.js';


describeInBrowser('a visitor subscribes to the newsletter and manages it from the mail', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp('sqlite', { seeded: false, env: { SMTP_URL: smtp.url } });
    await createProject(t.app.db, { acronym: 'BRINE', title: 'Lithium from geothermal brines', isMember: true });
    await createProject(t.app.db, { acronym: 'NODULE', title: 'Metals from deep-sea nodules', isMember: true });
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it('subscribes from a project page, confirms from the mail, changes preferences and unsubscribes in one click', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/projects/brine`);
    await page.getByRole('link', { name: /Follow BRINE/ }).click();
    expect(await page.getByRole('checkbox', { name: 'BRINE' }).isChecked()).toBe(true);
    await page.getByLabel('Your e-mail address').fill('not an address');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Enter an e-mail address like');
    expect(await page.getByRole('checkbox', { name: 'BRINE' }).isChecked()).toBe(true);
    await screenshots(page, 'subscribe-errors');
    await page.getByLabel('Your e-mail address').fill('reader@example.org');
    await page.getByRole('checkbox', { name: /I agree/ }).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Check your inbox');

    await t.runJobs();
    const mail = await smtp.waitFor((m) => m.to.includes('reader@example.org'));
    await page.goto(smtp.linkIn(mail, '/newsletter/confirm/').replace('http://hub.test', base));
    await page.getByRole('button', { name: 'Confirm my subscription' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('You are subscribed');

    await page.getByRole('link', { name: 'Change what you receive' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Your subscription');
    await page.getByRole('checkbox', { name: 'All events' }).check();
    await page.getByRole('radio', { name: 'A monthly digest' }).check();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved.');
    expect(await page.getByRole('radio', { name: 'A monthly digest' }).isChecked()).toBe(true);
    await screenshots(page, 'preferences');

    await page.getByRole('button', { name: 'Unsubscribe from everything' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('You are unsubscribed');
    await page.close();
  });

  it('works without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/newsletter/subscribe`);
    await screenshots(page, 'subscribe');
    await page.getByLabel('Your e-mail address').fill('nojs@example.org');
    await page.getByRole('checkbox', { name: /I agree/ }).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Check your inbox');
    await context.close();
  });

  it('gives the admin a screen to edit and preview an issue', async () => {
    if (!process.env.SCREENSHOT_DIR) return;
    await createNews(t.app.db, { title: 'Brine pilot plant starts', summary: 'The first tonne of lithium carbonate.', bodyMd: 'x' });
    const { cookie } = await signIn(t.app, { role: 'admin' });
    const context = await browser.newContext();
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    await page.goto(`${base}/admin/newsletter`);
    await page.getByRole('button', { name: 'Draft from what is new' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Issue:');
    await screenshots(page, 'admin-issue');
    await page.goto(`${base}/admin/newsletter`);
    await screenshots(page, 'admin');
    await context.close();
  });
});
