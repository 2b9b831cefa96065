import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, postForm, signIn, type TestApp } from '../../../test/helpers/app.js';
import { eventWithRegistration, person, postRegistration } from '../../../test/helpers/registration.js';
import { createProject } from '../directory/service.js';
import { createEvent } from '../events/service.js';
import { addPageViews } from '../visits/service.js';
import { forgetReports } from './service.js';

const YEAR = 'from=2026-01-01&to=2026-12-31';

describeEachDatabase('impact report', (dialect) => {
  let t: TestApp;
  let admin: string;
  let editorA: string;
  let editorNone: string;
  let member: string;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
    const a = await createProject(t.app.db, { acronym: 'ALPHA', title: 'Alpha', isMember: true });
    const b = await createProject(t.app.db, { acronym: 'BETA', title: 'Beta', isMember: true });
    admin = (await signIn(t.app, { role: 'admin' })).cookie;
    editorA = (await signIn(t.app, { role: 'editor', projectIds: [a] })).cookie;
    editorNone = (await signIn(t.app, { role: 'editor', projectIds: [] })).cookie;
    member = (await signIn(t.app, { role: 'member' })).cookie;
    const event = (projectId: number, title: string, startsAt: string, type: string, format: string) =>
      createEvent(t.app.db, { title, type, format, startsAt, endsAt: startsAt.replace('T09', 'T17'), projectIds: [projectId], status: 'published' });
    const alpha = await event(a, 'Alpha workshop', '2026-03-10T09:00:00.000Z', 'workshop', 'in-person');
    const beta = await event(b, 'Beta webinar', '2026-05-10T09:00:00.000Z', 'webinar', 'online');
    const earlier = await event(a, 'Alpha launch', '2025-03-10T09:00:00.000Z', 'launch', 'in-person');
    const now = '2026-01-01T00:00:00.000Z';
    const row = (eventId: number, n: number, extra: Record<string, unknown>) => ({
      event_id: eventId,
      email: `p${n}@example.org`,
      email_normalised: `p${n}@example.org`,
      name: `Participant Number${n}`,
      organisation: `Org ${n % 4}`,
      country: 'BE',
      answers: '{}',
      mode: 'in-person',
      status: 'confirmed',
      holds_seat: 1,
      created_at: now,
      updated_at: now,
      ...extra,
    });
    // Alpha: 12 people in person, 9 checked in, 2 from Germany (too few to show), 6 from industry.
    const rows = [];
    for (let n = 0; n < 12; n++) rows.push(row(alpha, n, { checked_in_at: n < 9 ? now : null, country: n < 2 ? 'DE' : 'BE', organisation_type: n < 6 ? 'industry' : n < 8 ? 'university' : null }));
    // Beta: 6 online, 3 of whom were at Alpha too (returning); one cancelled registration that does not count.
    for (let n = 9; n < 15; n++) rows.push(row(beta, n, { mode: 'online' }));
    rows.push(row(beta, 99, { mode: 'online', status: 'cancelled' }));
    for (let n = 0; n < 7; n++) rows.push(row(earlier, 100 + n, {}));
    await t.app.db.insertInto('registrations').values(rows).execute();
    await addPageViews(t.app.db, [
      { day: '2026-02-01', path: '/news/alpha-results', views: 40 },
      { day: '2026-02-02', path: '/events', views: 7 },
    ]);
  });
  afterAll(async () => t?.close());

  const get = (url: string, cookie = admin) => t.app.inject({ url, headers: { cookie } });

  it('gives admins the figures of a period, compared with the one before, naming nobody', async () => {
    const response = await get(`/admin/report?${YEAR}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    for (const heading of ['Summary', 'Events', 'Participation', 'Live sessions', 'Library', 'News', 'Newsletter', 'Join requests', 'Most read pages']) {
      expect(html).toContain(`>${heading}</h2>`);
    }
    // 18 confirmed registrations, 15 people, 3 returning; the previous year had 7.
    expect(html).toMatch(/Registrations \(confirmed\)<\/th><td class="num">18<\/td><td class="num">7<\/td><td class="num">\+157%<\/td>/);
    expect(html).toMatch(/People reached<\/th><td class="num">15<\/td>/);
    expect(html).toMatch(/Returning participants<\/th><td class="num">fewer than 5<\/td>/);
    expect(html).toMatch(/No-show rate \(in person, not checked in\)<\/th><td class="num">fewer than 5<\/td>/);
    expect(html).toMatch(/Belgium<\/th><td class="num">13<\/td>/);
    expect(html).toMatch(/Germany<\/th><td class="num">fewer than 5<\/td>/);
    expect(html).toMatch(/Industry<\/th><td class="num">6<\/td>/);
    expect(html).toMatch(/University<\/th><td class="num">fewer than 5<\/td>/);
    expect(html).toMatch(/Not given<\/th><td class="num">7<\/td>/);
    expect(html).toMatch(/\/news\/alpha-results<\/th><td class="num">40<\/td>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/Number\d|p\d+@example\.org/);
  });

  it('exports every table as CSV with the same hidden groups', async () => {
    const csv = await get(`/admin/report/countries.csv?${YEAR}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Belgium,13');
    expect(csv.body).toContain('Germany,fewer than 5');
    expect((await get(`/admin/report/summary.csv?${YEAR}`)).body).toContain('People reached,15,');
    expect((await get(`/admin/report/nothing.csv?${YEAR}`)).statusCode).toBe(404);
    expect((await get(`/admin/report/countries.csv?from=2026-12-31&to=2026-01-01`)).statusCode).toBe(404);
  });

  it("limits an editor to their projects' events and refuses members and editors of no project", async () => {
    forgetReports(t.app.db);
    const response = await get(`/admin/report?${YEAR}`, editorA);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Only the events of your projects (ALPHA)');
    expect(response.body).toMatch(/Events held<\/th><td class="num">1<\/td>/);
    expect(response.body).not.toContain('>Library</h2>');
    expect(response.body).not.toContain('/news/alpha-results');
    expect((await get(`/admin/report/pages.csv?${YEAR}`, editorA)).statusCode).toBe(404);
    expect((await get('/admin/report', editorNone)).statusCode).toBe(403);
    expect((await get('/admin/report', member)).statusCode).toBe(403);
    expect((await get(`/admin/report/summary.csv?${YEAR}`, member)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ url: '/admin/report' });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/sign-in');
  });

  it('answers bad periods with 400 and a message in the page', async () => {
    const cases: [string, string][] = [
      ['from=2026-12-31&to=2026-01-01', 'must not be before the first day'],
      ['from=2010-01-01&to=2026-01-01', 'at most 5 years'],
      ['from=2026-02-30&to=2026-03-01', 'Enter the first day as a date'],
      [`from=${encodeURIComponent('<script>alert(1)</script>')}&to=2026-01-01`, 'Enter the first day as a date'],
      ["from=2026-01-01&to=2026-01-31'%20or%201=1", 'Enter the last day as a date'],
      ['preset=period-999', 'Choose a period from the list'],
      ['from[]=x&to=2026-01-01', 'Enter the first day'],
    ];
    for (const [query, message] of cases) {
      const response = await get(`/admin/report?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.body, query).toContain(message);
      expect(response.body).not.toContain('<script>alert');
    }
    expect((await get(`/admin/report?from=${'9'.repeat(500)}`)).statusCode).toBe(400);
  });

  it('keeps the reporting periods admins define and offers them as presets', async () => {
    const bad = await postForm(t.app, '/admin/report/periods', { name: 'Backwards', from: '2026-06-30', to: '2025-01-01' }, { cookie: admin });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('must not be before the first day');
    const added = await postForm(t.app, '/admin/report/periods', { name: 'Reporting period 1', from: '2026-01-01', to: '2026-06-30' }, { cookie: admin });
    expect(added.statusCode).toBe(303);
    const page = await get('/admin/report');
    const key = /href="\/admin\/report\?preset=(period-\d+)"[^>]*>Reporting period 1</.exec(page.body)?.[1];
    expect(key).toBeTruthy();
    const report = await get(`/admin/report?preset=${key}`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toMatch(/Events held<\/th><td class="num">2<\/td>/);
    expect((await postForm(t.app, '/admin/report/periods', { name: 'X', from: '2026-01-01', to: '2026-02-01' }, { cookie: editorA })).statusCode).toBe(403);
    const id = key!.slice('period-'.length);
    expect((await postForm(t.app, `/admin/report/periods/${id}/delete`, {}, { cookie: admin })).statusCode).toBe(303);
    expect((await get(`/admin/report?preset=${key}`)).statusCode).toBe(400);
  });

  it('asks the type of organisation at registration, optional, and keeps it', async () => {
    const { event } = await eventWithRegistration(t.app);
    const form = await t.app.inject({ url: `/events/${event.slug}/register` });
    expect(form.body).toContain('<label for="field-organisation_type">Type of organisation');
    expect(form.body).toContain('<option value="public-body">Public body</option>');
    const wrong = await postRegistration(t.app, event.slug, person(500, { organisation_type: 'secret-society' }));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Choose a type of organisation from the list');
    expect((await postRegistration(t.app, event.slug, person(501, { organisation_type: 'research' }))).statusCode).toBe(303);
    expect((await postRegistration(t.app, event.slug, person(502))).statusCode).toBe(303);
    const stored = await t.app.db.selectFrom('registrations').select(['email', 'organisation_type']).where('event_id', '=', event.id).orderBy('email').execute();
    expect(stored).toEqual([
      { email: 'person501@example.org', organisation_type: 'research' },
      { email: 'person502@example.org', organisation_type: null },
    ]);
  });
});
