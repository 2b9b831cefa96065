import { getDocumentProxy } from 'unpdf';
import { expect, it } from 'vitest';
import { signIn } from '../helpers/app.js';
import { describeInBrowser, screenshots, useJourney } from '../helpers/browser.js';
import { SESSION_COOKIE } from '../../src/lib/auth.js';
import { createEvent } from '../../src/modules/events/service.js';
import { addPageViews } from '../../src/modules/visits/service.js';


const COUNTRIES = ['BE', 'DE', 'FR', 'ES', 'IT', 'PL', 'SE', 'FI', 'PT'];
const TYPES = ['industry', 'research', 'university', 'public-body', 'association', null];

describeInBrowser('a coordinator reads the impact report and prints it for the Commission', () => {
  const journey = useJourney();

  it('chooses a period, sees figures with charts and tables, is told what is wrong with a bad period, and prints an A4 PDF with every section', async () => {
    const { t, base, browser } = journey;
    const today = new Date().toISOString().slice(0, 10);
    const startsAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const event = await createEvent(t.app.db, { title: 'Recycling workshop', type: 'workshop', format: 'hybrid', startsAt, endsAt: startsAt, status: 'published' });
    const rows = Array.from({ length: 60 }, (_, n) => ({
      event_id: event,
      email: `p${n}@example.org`,
      email_normalised: `p${n}@example.org`,
      name: `Participant ${n}`,
      organisation: `Organisation ${n % 12}`,
      organisation_type: TYPES[n % TYPES.length],
      country: COUNTRIES[n % (n < 50 ? 4 : COUNTRIES.length)],
      answers: '{}',
      mode: n % 3 ? 'in-person' : 'online',
      status: 'confirmed',
      holds_seat: 1,
      checked_in_at: n % 3 && n % 5 ? startsAt : null,
      created_at: startsAt,
      updated_at: startsAt,
    }));
    await t.app.db.insertInto('registrations').values(rows).execute();
    await addPageViews(t.app.db, [
      { day: today, path: '/events/recycling-workshop', views: 120 },
      { day: today, path: '/news', views: 45 },
      { day: today, path: '/', views: 300 },
    ]);

    const { cookie } = await signIn(t.app, { role: 'admin' });
    const context = await browser.newContext();
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie.split('=')[1], url: base }]);
    const page = await context.newPage();
    await page.goto(`${base}/admin/report`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Impact report');
    expect(await page.getByRole('table', { name: 'Participants by country' }).getByRole('row', { name: /Belgium/ }).textContent()).toContain('14');
    expect(await page.getByRole('table', { name: 'Participants by country' }).getByRole('row', { name: /Sweden/ }).textContent()).toContain('fewer than 5');
    expect(await page.getByRole('img', { name: /Map of Europe/ }).count()).toBe(1);
    expect(await page.locator('body').textContent()).not.toContain('p1@example.org');
    await screenshots(page, 'report');

    // The seeded reporting period is one of the presets.
    await page.getByRole('link', { name: /Cluster Hub 2023–2024/ }).click();
    await expect.poll(() => page.locator('.report-period-line').textContent()).toContain('1 October 2023');
    expect(Number(await page.getByRole('table', { name: 'The period compared with the previous one' }).getByRole('row', { name: /Events held/ }).locator('td').first().textContent())).toBeGreaterThan(0);

    await page.getByLabel('First day').fill('2026-12-31');
    await page.getByLabel('Last day').fill('2026-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The last day must not be before the first day.');
    await screenshots(page, 'report-error');

    await page.goto(`${base}/admin/report?preset=last-12-months`);
    await page.emulateMedia({ media: 'print' });
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/report-print.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: process.env.SCREENSHOT_DIR ? `${process.env.SCREENSHOT_DIR}/report.pdf` : undefined });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    const text = pages.join('\n');
    for (const heading of ['Impact report', 'Summary', 'Events', 'Participation', 'Live sessions', 'Library', 'News', 'Newsletter', 'Join requests', 'Most read pages']) {
      expect(text).toContain(heading);
    }
    // One section per page at least, and no back-office navigation or CSV links on paper.
    expect(doc.numPages).toBeGreaterThanOrEqual(9);
    expect(pages.findIndex((p) => p.includes('Most read pages'))).toBeGreaterThan(pages.findIndex((p) => p.includes('Participants by country')));
    expect(text).not.toContain('Audit log');
    expect(text).not.toContain('CSV');
    await context.close();
  });
});
