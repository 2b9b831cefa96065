import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { localStorage } from '../../src/lib/storage.js';
import { createDocument } from '../../src/modules/library/service.js';
import { ensureComputed, listTopics } from '../../src/modules/synergies/service.js';
import { signIn } from '../helpers/app.js';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import type { QuestionInput } from '../../src/modules/live/service.js';
import { comparedSessions, liveFixture, openQuestion, PILLARS } from '../helpers/live.js';
import { eventWithRegistration, person, postRegistration } from '../helpers/registration.js';
import { checkInPath, managePath } from '../../src/modules/registration/service.js';

// axe-core checks what a machine can check of WCAG 2.1 A and AA (names, labels, landmarks, contrast, ARIA use) on the
// pages as the browser renders them; keyboard journeys and wording stay with the other journeys and with people.
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** The page's WCAG 2.1 AA violations, one line each with where they are. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(
    async (tags) => (await (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations,
    WCAG_21_AA,
  );
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describeInBrowser('pages meet WCAG 2.1 AA as far as axe-core can tell', () => {
  const journey = useJourney();

  async function audit(page: Page, urls: string[]) {
    const report: Record<string, string[]> = {};
    for (const url of urls) {
      const response = await page.goto(journey.base + url);
      expect(response?.status(), url).toBeLessThan(400);
      const found = await violations(page);
      if (found.length) report[url] = found;
    }
    expect(report).toEqual({});
  }

  it('public pages, on a desktop and on a phone', async () => {
    const db = journey.t.app.db;
    const past = await db.selectFrom('events').select('slug').where('status', '=', 'published').orderBy('starts_at', 'desc').executeTakeFirstOrThrow();
    const news = await db.selectFrom('news').select('slug').executeTakeFirstOrThrow();
    const project = await db.selectFrom('projects').select('slug').where('is_member', '=', 1).executeTakeFirstOrThrow();
    const document = await createDocument(db, localStorage(path.join(journey.t.config.dataDir, 'library')), {
      fields: { title: 'Flowsheet of the pilot plant', description: 'Mass balance of the leaching circuit.' },
      attachment: { type: 'hub' },
      externalUrl: 'https://example.org/flowsheet.pdf',
      userId: null,
    });
    const { event } = await eventWithRegistration(journey.t.app);
    const { session, questions } = await liveFixture(journey.t.app, [{ type: 'choice', prompt: 'Which pillar first?', options: PILLARS }]);
    await openQuestion(questions[0], journey.t.app);
    await ensureComputed(db);
    const [topic] = await listTopics(db);
    const urls = [
      '/',
      '/about',
      '/news',
      `/news/${news.slug}`,
      '/events',
      `/events/${past.slug}`,
      `/events/${event.slug}`,
      `/events/${event.slug}/register`,
      '/projects',
      `/projects/${project.slug}`,
      '/synergies',
      `/topics/${topic.slug}`,
      '/map',
      '/search?q=lithium',
      '/search?q=lithum',
      '/library',
      `/library/${document}`,
      '/live',
      `/live/${session.code}`,
      '/join',
      '/sign-in',
      '/passports',
      '/passports/urn:free4lib:bp:demo-ev-0001',
    ];
    const context = await journey.browser.newContext({ bypassCSP: true });
    await audit(await context.newPage(), urls);
    const phone = await journey.browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 740 }, isMobile: true });
    await audit(await phone.newPage(), ['/', `/events/${past.slug}`, `/events/${event.slug}/register`, '/synergies', '/map', '/passports/urn:free4lib:bp:demo-ess-0001']);
    await context.close();
    await phone.close();
  }, 120_000); // 26 pages through axe: about 15 s on a quiet machine, several times that on a loaded one

  it('a form sent back with its errors', async () => {
    const { event } = await eventWithRegistration(journey.t.app);
    const context = await journey.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${journey.base}/events/${event.slug}/register`);
    await page.getByRole('button', { name: /register/i }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('the registration life cycle and the door screen, on a phone', async () => {
    const { app } = journey.t;
    const { event } = await eventWithRegistration(app, { settings: { inPersonCapacity: 1 } });
    await postRegistration(app, event.slug, person('axe1', { name: 'Ana Álvarez' }));
    await postRegistration(app, event.slug, person('axe2', { name: 'Wim Waiting' }));
    const rows = await app.db.selectFrom('registrations').select('id').where('event_id', '=', event.id).orderBy('id').execute();
    const { cookie } = await signIn(app, { role: 'admin' });
    const phone = await journey.browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, isMobile: true });
    const [name, value] = cookie.split(';')[0].split('=');
    await phone.addCookies([{ name, value, url: journey.base }]);
    await audit(await phone.newPage(), [
      managePath(app.config.secret, rows[1].id),
      `${managePath(app.config.secret, rows[0].id)}/cancel`,
      `/events/${event.slug}/lost-link`,
      `/admin/events/${event.id}/check-in`,
      checkInPath(app.config.secret, event.id, rows[0].id),
      '/admin',
    ]);
    await phone.close();
  });

  it('the back office, signed in as an admin', async () => {
    const db = journey.t.app.db;
    const event = await db.selectFrom('events').select('id').orderBy('id').executeTakeFirstOrThrow();
    const project = await db.selectFrom('projects').select('id').executeTakeFirstOrThrow();
    const { cookie } = await signIn(journey.t.app, { role: 'admin' });
    const context = await journey.browser.newContext({ bypassCSP: true });
    const [name, value] = cookie.split(';')[0].split('=');
    await context.addCookies([{ name, value, url: journey.base }]);
    await audit(await context.newPage(), [
      '/admin',
      '/admin/events/new',
      `/admin/events/${event.id}`,
      `/admin/events/${event.id}/registration`,
      `/admin/events/${event.id}/registrations`,
      `/admin/events/${event.id}/check-in`,
      '/admin/news',
      '/admin/news/new',
      '/admin/projects',
      `/admin/projects/${project.id}`,
      '/admin/people',
      '/admin/organisations',
      '/admin/library',
      '/admin/library/new',
      '/admin/live',
      '/admin/users',
      '/admin/audit',
      '/admin/registrations',
      '/synergies/could-join',
      '/admin/report',
      '/admin/report/periods',
      '/admin/passports',
      '/admin/passports/new',
      '/admin/passports/import',
      '/admin/passports/authorities',
      '/admin/passports/urn:free4lib:bp:demo-ess-0001',
      '/admin/passports/urn:free4lib:bp:demo-ess-0001/edit/circularity',
      '/admin/passports/urn:free4lib:bp:demo-ev-0001/versions',
      '/admin/passports/urn:free4lib:bp:demo-ev-0001/versions/2',
    ]);
    await context.close();
  }, 120_000); // 27 back-office pages through axe: about 20 s on a quiet machine, several times that on a loaded one

  it('the live screens: phone, presenter and moderator', async () => {
    const phone = await journey.browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, isMobile: true });
    const joined = await phone.newPage();
    await audit(joined, ['/live']);
    const questions: QuestionInput[] = [
      { type: 'ranking', prompt: 'Rank the pillars', options: PILLARS },
      { type: 'points', prompt: 'Share the budget', options: PILLARS },
      { type: 'grid', prompt: 'Place each action', options: ['Pilot plant', 'Roadmap'], axes: ['Effort', 'Impact'], resultsVisible: true },
    ];
    // One session per question, each opened before its first visit: a joined phone on the ranking's tap list, 100 points, the 2×2 sliders.
    let last = null as Awaited<ReturnType<typeof liveFixture>> | null;
    for (const question of questions) {
      last = await liveFixture(journey.t.app, [question]);
      await openQuestion(last.questions[0], journey.t.app);
      await joined.goto(`${journey.base}/live/${last.session.code}`);
      await joined.getByRole('button', { name: 'Join the session' }).click();
      await expect.poll(() => joined.getByRole('heading', { level: 1 }).textContent()).toBe(question.prompt);
      expect(await violations(joined), question.type).toEqual([]);
    }
    // After the vote: the confirmation and the 2×2 results.
    for (const slider of await joined.getByRole('slider').all()) await slider.fill('4');
    await joined.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => joined.getByText('Answer sent').count()).toBe(1);
    expect(await violations(joined)).toEqual([]);
    await phone.close();

    const { cookie } = await signIn(journey.t.app, { role: 'admin' });
    const [name, value] = cookie.split(';')[0].split('=');
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const context = await journey.browser.newContext({ bypassCSP: true, viewport });
      await context.addCookies([{ name, value, url: journey.base }]);
      const empty = await liveFixture(journey.t.app, [{ type: 'choice', prompt: 'Which pillar first?', options: PILLARS }]);
      await audit(await context.newPage(), [`/live/${empty.session.code}/present`, `/live/${last!.session.code}/present`, `/admin/live/${last!.session.id}`]);
      await context.close();
    }
    // A question compared with an earlier event's, on the presenter and the moderator's page; an
    // audience-paced questionnaire on a phone.
    const { earlier, copy } = await comparedSessions(journey.t.app);
    const context = await journey.browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 768 } });
    await context.addCookies([{ name, value, url: journey.base }]);
    await audit(await context.newPage(), [`/live/${copy.code}/present`, `/admin/live/${copy.id}`, `/admin/live/${earlier.id}`]);
    await context.close();
    const paced = await journey.browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await paced.newPage();
    await page.goto(`${journey.base}/live/${copy.code}`);
    await page.getByRole('button', { name: 'Join the session' }).click();
    await expect.poll(() => page.getByText('Question 1 of 2').count()).toBe(1);
    expect(await violations(page)).toEqual([]);
    await paced.close();
  }, 90_000);
});
