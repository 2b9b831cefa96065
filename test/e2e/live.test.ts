import { expect, it } from 'vitest';
import { signIn } from '../helpers/app.js';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import { PILLARS, liveFixture } from '../helpers/live.js';

describeInBrowser('a live ranking reaches the big screen', () => {
  const journey = useJourney({ seeded: false });
  it('the presenter opens a ranking, a participant joins by code and ranks, the chart changes', async () => {
    const { session } = await liveFixture(journey.t.app, [{ type: 'ranking', prompt: 'Rank the four pillars of the Green Deal Industrial Plan', options: PILLARS }]);
    const admin = await signIn(journey.t.app, { role: 'admin' });
    const [name, value] = admin.cookie.split('=');

    const presenterContext = await journey.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await presenterContext.addCookies([{ name, value, url: journey.base }]);
    const control = await presenterContext.newPage();
    await control.goto(`${journey.base}/admin/live/${session.id}`);
    await control.getByRole('button', { name: /^Open “Rank the four pillars/ }).click();
    await control.getByRole('button', { name: /^Show results/ }).click();
    await expect.poll(() => control.getByRole('heading', { level: 2, name: /^On screen/ }).textContent()).toContain('Rank the four pillars');

    const screen = await presenterContext.newPage();
    await screen.goto(`${journey.base}/live/${session.code}/present`);
    const chart = screen.locator('[data-live-results]');
    await expect.poll(() => chart.textContent()).toContain('0 responses');
    await expect.poll(() => screen.locator('[data-module="live"]').getAttribute('data-version')).not.toBeNull();

    const phoneContext = await journey.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const phone = await phoneContext.newPage();
    await phone.goto(`${journey.base}/live`);
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
