import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { csrfFor, form, signIn } from '../helpers/app.js';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import { PILLARS, comparedSessions, joinApi, liveFixture, openQuestion, voteApi } from '../helpers/live.js';

const bottomOf = async (locator: Locator) => {
  const box = await locator.boundingBox();
  return box ? box.y + box.height : Infinity;
};

/** Signs in as an admin in a new browser context of the given size. */
async function moderatorContext(journey: ReturnType<typeof useJourney>, viewport: { width: number; height: number }) {
  const admin = await signIn(journey.t.app, { role: 'admin' });
  const [name, value] = admin.cookie.split(';')[0].split('=');
  const context = await journey.browser.newContext({ viewport });
  await context.addCookies([{ name, value, url: journey.base }]);
  return context;
}

/** Joins a session on a fresh phone and returns its page. */
async function joinOnPhone(journey: ReturnType<typeof useJourney>, code: string): Promise<Page> {
  const context = await journey.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  await phone.goto(`${journey.base}/live/${code}`);
  await phone.getByRole('button', { name: 'Join the session' }).click();
  return phone;
}

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

    const phoneContext = await journey.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await phoneContext.newPage();
    await phone.goto(`${journey.base}/live`);
    await phone.getByLabel('Session code').fill(session.code.toLowerCase());
    await phone.getByRole('button', { name: 'Join' }).click();
    await phone.getByRole('button', { name: 'Join the session' }).click();
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toContain('Rank the four pillars');
    // The phone's own frame: no site header or footer, every answer control and the send button on the first screen.
    expect(await phone.locator('.site-header, .site-footer').count()).toBe(0);
    for (const item of PILLARS) expect(await bottomOf(phone.getByRole('button', { name: item }))).toBeLessThanOrEqual(844);
    expect(await bottomOf(phone.getByRole('button', { name: 'Send answer' }))).toBeLessThanOrEqual(844);
    for (const item of PILLARS) expect((await phone.getByRole('button', { name: item }).boundingBox())!.height).toBeGreaterThanOrEqual(48);
    // Results are shown on the big screen, but not on a phone that has not voted.
    expect(await phone.locator('[data-live-results] .live-results').count()).toBe(0);
    // Tap in order; tap a ranked item again to take it back, then tap it again.
    await phone.getByRole('button', { name: PILLARS[0] }).tap();
    await phone.getByRole('button', { name: PILLARS[1] }).tap();
    await phone.getByRole('button', { name: new RegExp(`^2\\. ${PILLARS[1]}`) }).tap();
    await expect.poll(() => phone.locator('.rank-status').textContent()).toContain('1 of 4 ranked');
    for (const item of PILLARS.slice(1)) await phone.getByRole('button', { name: item, exact: true }).tap();
    await expect.poll(() => phone.locator('.rank-status').textContent()).toContain('All 4 items ranked');
    await phone.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => phone.getByRole('status').first().textContent()).toContain('Answer sent');
    expect(await phone.getByText('Answer sent').count()).toBe(1);
    await expect.poll(() => phone.locator('[data-live-results]').textContent()).toContain('3 points');

    await expect.poll(() => chart.textContent(), { timeout: 10_000 }).toContain('1 response');
    await expect.poll(() => chart.textContent()).toContain('3 points');
    await expect.poll(() => screen.locator('footer [data-live-participants]').textContent()).toBe('1');
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

  it('a ranking sent with the keyboard alone', async () => {
    const { session, questions } = await liveFixture(journey.t.app, [{ type: 'ranking', prompt: 'Rank by keyboard', options: PILLARS }]);
    await openQuestion(questions[0], journey.t.app);
    const phone = await joinOnPhone(journey, session.code);
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toContain('Rank by keyboard');
    // Tab to the first item; each Space ranks the focused item and moves focus to the next one left.
    await phone.keyboard.press('Tab');
    for (let i = 0; i < 10 && !(await phone.evaluate(() => document.activeElement?.classList.contains('rank-item'))); i++) await phone.keyboard.press('Tab');
    for (let i = 0; i < PILLARS.length; i++) await phone.keyboard.press('Space');
    await expect.poll(() => phone.locator('.rank-status').textContent()).toContain('All 4 items ranked');
    // Alt+↑ moves the focused ranked item (the last, Open trade) up one place.
    await phone.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => phone.getByRole('list', { name: 'Your ranking' }).textContent()).toMatch(/Regulation.*Open trade.*Skills|Open trade.*Regulation/);
    await phone.keyboard.press('Tab');
    while (!(await phone.evaluate(() => document.activeElement?.textContent?.includes('Send answer')))) await phone.keyboard.press('Tab');
    await phone.keyboard.press('Enter');
    await expect.poll(() => phone.getByRole('status').first().textContent()).toContain('Answer sent');
    const stored = await journey.t.app.db.selectFrom('live_answers').select('value').where('question_id', '=', questions[0].id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.value)).toEqual([0, 1, 3, 2]);
    await phone.context().close();
  });

  it('the presenter fills 1366×768 and 1920×1080 and answers its keys', async () => {
    const { session, questions } = await liveFixture(journey.t.app, [
      { type: 'choice', prompt: 'Which pillar first?', options: PILLARS },
      { type: 'wordcloud', prompt: 'One word for the cluster', options: [] },
    ]);
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const context = await moderatorContext(journey, viewport);
      const screen = await context.newPage();
      await screen.goto(`${journey.base}/live/${session.code}/present`);
      expect(await screen.locator('.site-header, .site-footer').count()).toBe(0);
      if (viewport.width === 1366) {
        // The join slide comes before the first question: address from BASE_URL's host, the code, the QR code.
        await expect.poll(() => screen.locator('[data-join-slide]').textContent()).toContain('hub.test/live');
        expect(await screen.locator('[data-join-slide]').textContent()).toContain(session.code);
        expect(await screen.getByRole('img', { name: /QR code/ }).isVisible()).toBe(true);
        await screen.keyboard.press('ArrowRight');
        await expect.poll(() => screen.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('Which pillar first?');
      }
      const stage = screen.locator('[data-live-results]');
      // Results start hidden; at 1920×1080 they are shown since R was pressed at 1366×768.
      await expect.poll(() => stage.textContent()).toContain(viewport.width === 1366 ? 'Results are hidden' : 'Funding and state aid');
      const box = (await stage.boundingBox())!;
      expect(box.height / viewport.height).toBeGreaterThanOrEqual(0.6);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      if (viewport.width === 1366) {
        await screen.keyboard.press('r');
        await expect.poll(() => stage.textContent(), { timeout: 10_000 }).toContain('Funding and state aid');
        const chart = (await screen.locator('.live-bars').boundingBox())!;
        expect(chart.height / viewport.height).toBeGreaterThanOrEqual(0.5);
        await screen.keyboard.press('q');
        expect(await screen.locator('[data-join-slide]').isVisible()).toBe(true);
        expect(await stage.isVisible()).toBe(false);
        await screen.keyboard.press('q');
        expect(await stage.isVisible()).toBe(true);
        await screen.keyboard.press('f');
        await expect.poll(() => screen.evaluate(() => document.fullscreenElement !== null)).toBe(true);
        await screen.keyboard.press('f');
        await expect.poll(() => screen.evaluate(() => document.fullscreenElement === null)).toBe(true);
        await screen.keyboard.press('ArrowRight');
        await expect.poll(() => screen.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('One word for the cluster');
        await screen.keyboard.press('ArrowLeft');
        await expect.poll(() => screen.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('Which pillar first?');
      }
      await context.close();
    }
    const states = await journey.t.app.db.selectFrom('live_questions').select(['id', 'state', 'results_visible']).where('session_id', '=', session.id).orderBy('position').execute();
    expect(states.map((q) => q.state)).toEqual(['closed', 'closed']);
    expect(states[0].results_visible).toBe(1);
    expect(questions).toHaveLength(2);
  });

  it('a 100-points and a 2×2 question from two phones reach the presenter and the archive', async () => {
    const { session, questions, eventId } = await liveFixture(journey.t.app, [
      { type: 'points', prompt: 'Share 100 points among the work packages', options: ['Exploration', 'Refining', 'Recycling'], resultsVisible: true },
      { type: 'grid', prompt: 'Place each action by effort and impact', options: ['Pilot plant', 'Roadmap'], axes: ['Effort', 'Impact'], scaleMax: 5, resultsVisible: true },
    ]);
    const [points, grid] = questions;
    await openQuestion(points, journey.t.app);
    const context = await moderatorContext(journey, { width: 1366, height: 768 });
    const screen = await context.newPage();
    await screen.goto(`${journey.base}/live/${session.code}/present`);
    const stage = screen.locator('[data-live-results]');
    const phones = [await joinOnPhone(journey, session.code), await joinOnPhone(journey, session.code)];
    const shares = [
      [50, 30, 20],
      [0, 70, 30],
    ];
    for (const [i, phone] of phones.entries()) {
      await phone.getByLabel('Exploration').fill(String(shares[i][0]));
      await phone.getByLabel('Refining').fill(String(shares[i][1]));
      await expect.poll(() => phone.locator('[data-points-left]').textContent()).toContain(`${shares[i][2]} of 100 points left`);
      await phone.getByLabel('Recycling').fill(String(shares[i][2]));
      await expect.poll(() => phone.locator('[data-points-left]').textContent()).toContain('All 100 points shared');
      await phone.getByRole('button', { name: 'Send answer' }).click();
      await expect.poll(() => phone.getByText('Answer sent').count()).toBe(1);
    }
    await expect.poll(() => stage.textContent(), { timeout: 10_000 }).toContain('2 responses');
    expect(await stage.textContent()).toMatch(/Refining100 points \(average 50\)/);

    await screen.keyboard.press('ArrowRight');
    await expect.poll(() => screen.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('Place each action by effort and impact');
    const places = [
      [4, 5, 1, 2],
      [2, 5, 3, 4],
    ];
    for (const [i, phone] of phones.entries()) {
      await expect.poll(() => phone.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('Place each action by effort and impact');
      const sliders = phone.getByRole('slider');
      for (const [n, value] of places[i].entries()) await sliders.nth(n).fill(String(value));
      await phone.getByRole('button', { name: 'Send answer' }).click();
      await expect.poll(() => phone.getByText('Answer sent').count()).toBe(1);
    }
    await expect.poll(() => stage.textContent(), { timeout: 10_000 }).toContain('2 responses');
    expect(await stage.getByRole('row', { name: /Pilot plant/ }).textContent()).toContain('3 ± 1');
    expect(await stage.getByRole('row', { name: /Roadmap/ }).textContent()).toContain('2 ± 1');
    expect(await stage.getByRole('img', { name: /Items placed by Effort/ }).isVisible()).toBe(true);
    await context.close();
    for (const phone of phones) await phone.context().close();

    const admin = await csrfFor(journey.t.app, (await signIn(journey.t.app, { role: 'admin' })).cookie);
    await journey.t.app.inject({ method: 'POST', url: `/admin/live/${session.id}/close`, headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: admin.token }) });
    const event = await journey.t.app.db.selectFrom('events').select('slug').where('id', '=', eventId).executeTakeFirstOrThrow();
    const visitor = await journey.browser.newPage();
    await visitor.goto(`${journey.base}/events/${event.slug}`);
    const archive = visitor.locator('.live-archive');
    expect(await archive.textContent()).toMatch(/Refining100 points \(average 50\)/);
    expect(await archive.getByRole('row', { name: /Pilot plant/ }).textContent()).toContain('3 ± 1');
    expect(grid.id).toBeGreaterThan(points.id);
    await visitor.close();
    // Three browsers and two questions: a long journey on a shared machine.
  }, 90_000);
});

describeInBrowser('an audience-paced questionnaire compared with last year', () => {
  const journey = useJourney({ seeded: false });
  it('a phone goes through the questions at its own pace; the presenter shows this year beside last year', async () => {
    const { copy, questions } = await comparedSessions(journey.t.app);
    for (const choice of [1, 1, 3]) await voteApi(journey.t.app, copy.code, questions[0].id, await joinApi(journey.t.app, copy.code), { choices: [choice] });
    const phone = await joinOnPhone(journey, copy.code);
    await expect.poll(() => phone.getByText('Question 1 of 2').count()).toBe(1);
    expect(await phone.locator('.live-compare').count()).toBe(0);
    await phone.getByText(PILLARS[1], { exact: true }).click();
    await phone.getByRole('button', { name: 'Send answer' }).click();
    // Straight on to the next question, with one confirmation on top.
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toBe(questions[1].prompt);
    expect(await phone.getByText('Answer sent.').count()).toBe(1);
    await phone.getByRole('link', { name: 'Back' }).click();
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toBe(questions[0].prompt);
    await phone.getByRole('link', { name: 'Next' }).click();
    for (const statement of ['Talks', 'Discussion']) await phone.getByRole('group', { name: statement }).getByRole('radio', { name: '4' }).check();
    await phone.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toContain('you have answered every question');

    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const context = await moderatorContext(journey, viewport);
      const screen = await context.newPage();
      await screen.goto(`${journey.base}/live/${copy.code}/present`);
      const table = screen.locator('table.live-compare');
      await expect.poll(() => table.count()).toBe(1);
      expect(await table.locator('caption').textContent()).toContain('% of responses: now and at');
      // This year's 4 answers (two Skills) against last year's (two Funding): the change is on screen, inside it.
      await expect.poll(() => table.locator('tr', { hasText: PILLARS[1] }).textContent()).toContain('+50');
      expect(await bottomOf(table)).toBeLessThanOrEqual(viewport.height);
      expect(await screen.getByText('Question 1 of 2 · everyone answers at their own pace').count()).toBe(1);
      // → pages to the next question's results; the questionnaire stays open for the others.
      await screen.keyboard.press('ArrowRight');
      await expect.poll(() => screen.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe(questions[1].prompt);
      await screen.keyboard.press('ArrowLeft');
      await expect.poll(() => screen.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe(questions[0].prompt);
      await context.close();
    }
  }, 90_000);
});
