import { expect, it } from 'vitest';
import { csrfFor, form, signIn } from '../helpers/app.js';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import { PILLARS, liveFixture, openQuestion } from '../helpers/live.js';

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

  it('a question the moderator approves appears on the phone without a reload', async () => {
    const { session, questions } = await liveFixture(journey.t.app, [{ type: 'qa', prompt: 'Questions for the panel', options: [] }]);
    await openQuestion(questions[0], journey.t.app);
    const phoneContext = await journey.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const phone = await phoneContext.newPage();
    await phone.goto(`${journey.base}/live/${session.code}`);
    await phone.getByRole('button', { name: 'Join the session' }).click();
    await phone.getByLabel('Your question for the speakers').fill('Which permits take longest?');
    await phone.getByRole('button', { name: 'Send question' }).click();
    await expect.poll(() => phone.getByRole('status').textContent()).toContain('sent to the moderator');
    await expect.poll(() => phone.locator('[data-live-qa]').textContent()).toContain('No approved questions yet');
    await phone.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const entry = await journey.t.app.db.selectFrom('live_qa_entries').select('id').where('question_id', '=', questions[0].id).executeTakeFirstOrThrow();
    const admin = await csrfFor(journey.t.app, (await signIn(journey.t.app, { role: 'admin' })).cookie);
    const approved = await journey.t.app.inject({
      method: 'POST',
      url: `/admin/live/${session.id}/qa/${entry.id}/approved`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: admin.token }),
    });
    expect(approved.statusCode).toBe(303);

    await expect.poll(() => phone.locator('[data-live-qa]').textContent(), { timeout: 10_000 }).toContain('Which permits take longest?');
    expect(await phone.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await phone.getByRole('button', { name: /^Upvote/ }).click();
    await expect.poll(() => phone.getByRole('status').textContent()).toContain('Your upvote has been counted.');
    await phoneContext.close();
  });
});
