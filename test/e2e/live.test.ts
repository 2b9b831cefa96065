import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { describeInBrowser, launchBrowser, listen } from '../helpers/browser.js';
import { PILLARS, liveFixture } from '../helpers/live.js';

describeInBrowser('a live ranking reaches the big screen', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { seeded: false });
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the presenter opens a ranking, a participant joins by code and ranks, the chart changes', async () => {
    const { session } = await liveFixture(t.app, [{ type: 'ranking', prompt: 'Rank the four pillars of the Green Deal Industrial Plan', options: PILLARS }]);
    const admin = await signIn(t.app, { role: 'admin' });
    const [name, value] = admin.cookie.split('=');

    const presenterContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await presenterContext.addCookies([{ name, value, url: base }]);
    const control = await presenterContext.newPage();
    await control.goto(`${base}/admin/live/${session.id}`);
    await control.getByRole('button', { name: /^Open “Rank the four pillars/ }).click();
    await control.getByRole('button', { name: /^Show results/ }).click();
    await expect.poll(() => control.getByRole('heading', { level: 2, name: /^On screen/ }).textContent()).toContain('Rank the four pillars');

    const screen = await presenterContext.newPage();
    await screen.goto(`${base}/live/${session.code}/present`);
    const chart = screen.locator('[data-live-results]');
    await expect.poll(() => chart.textContent()).toContain('0 responses');
    await expect.poll(() => screen.locator('[data-module="live"]').getAttribute('data-version')).not.toBeNull();

    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const phone = await phoneContext.newPage();
    await phone.goto(`${base}/live`);
    await phone.getByLabel('Session code').fill(session.code.toLowerCase());
    await phone.getByRole('button', { name: 'Join' }).click();
    await phone.getByRole('button', { name: 'Join the session' }).click();
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toContain('Rank the four pillars');
    for (const [position, item] of PILLARS.entries()) await phone.getByLabel(item).selectOption(String(position + 1));
    await phone.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => phone.getByRole('status').textContent()).toContain('Your answer has been counted.');

    await expect.poll(() => chart.textContent(), { timeout: 10_000 }).toContain('1 response');
    await expect.poll(() => chart.textContent()).toContain('3 pts');
    await expect.poll(() => screen.locator('[data-live-participants]').textContent()).toBe('1');
    await expect.poll(() => chart.getByRole('table', { name: /each position/ }).getByRole('row', { name: /Funding and state aid/ }).textContent()).toContain('1');
    await presenterContext.close();
    await phoneContext.close();
  });
});
