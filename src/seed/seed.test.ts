import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, signIn, type TestApp } from '../../test/helpers/app.js';
import { formatTime, zoneAbbreviation } from '../lib/time.js';
import { listPartners, listProjects } from '../modules/directory/service.js';
import { findEventBySlug, getMeetingUrl, getProgramme, projectsOfEvent } from '../modules/events/service.js';
import { findPublishedNews } from '../modules/news/service.js';
import { listPagesForAdmin } from '../modules/pages/service.js';
import { events, news } from './content.js';
import { seed } from './index.js';

describeEachDatabase('seeded hub content', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('has the 13 member projects, each with its coordinator organisation', async () => {
    const projects = await listProjects(t.app.db, { members: true });
    expect(projects.map((p) => p.acronym).sort()).toEqual(
      ['AVANTIS', 'CICERO', 'CRM-geothermal', 'ENICON', 'EXCEED', 'FREE4LIB', 'LITHOS', 'LiCORNE', 'METALLICO', 'RAWMINA', 'RELiEF', 'RESPECT', 'RHINOCEROS'].sort(),
    );
    expect(projects.find((p) => p.slug === 'enicon')?.grantId).toBe('101058124');
    expect(projects.find((p) => p.slug === 'exceed')?.callTopic).toBe('HORIZON-CL4-2022-RESILIENCE-01-07');
    const partners = await listPartners(t.app.db);
    for (const project of projects) {
      const own = partners.filter((p) => p.projectId === project.id);
      expect(own.length, project.acronym).toBeGreaterThan(0);
      if (project.coordinatorName) expect(own.some((p) => p.role === 'coordinator'), project.acronym).toBe(true);
    }
  });

  it('has every event, with its programme where one is known', async () => {
    for (const seeded of events) {
      const event = await findEventBySlug(t.app.db, seeded.event.slug!);
      expect(event, seeded.event.slug).not.toBeNull();
      const programme = await getProgramme(t.app.db, event!.id);
      expect(programme.length, seeded.event.slug).toBe(seeded.event.programme?.length ?? 0);
    }
    const satellite = await findEventBySlug(t.app.db, 'ichs-2024-cluster-hub-session');
    expect(satellite?.parentEventId).toBe((await findEventBySlug(t.app.db, 'ichs-2024'))?.id);
    expect((await projectsOfEvent(t.app.db, satellite!.id)).map((p) => p.slug).sort()).toEqual(['avantis', 'cicero', 'enicon', 'exceed', 'lithos']);

    const annual = await findEventBySlug(t.app.db, 'cluster-hub-annual-meeting-2023');
    const sessions = await getProgramme(t.app.db, annual!.id);
    expect(sessions.find((s) => s.title.startsWith('Session 1'))?.children).toHaveLength(6);
    expect(sessions.find((s) => s.kind === 'interactive')?.people[0]?.name).toBe('Anish Patil');

    // 18 April 2024 is summer time in Brussels: 13:30 CEST.
    const launch = await findEventBySlug(t.app.db, 'eurometaux-crma-resilience-recipe-launch-2024');
    expect(formatTime(launch!.startsAt, launch!.timezone)).toBe('13:30');
    expect(zoneAbbreviation(launch!.startsAt, launch!.timezone)).toBe('CEST');
  });

  it('has the three EXCEED lectures with their lecturers and CET slots', async () => {
    const seminar = await findEventBySlug(t.app.db, 'exceed-capacity-building-seminar-2024');
    expect(seminar?.format).toBe('online');
    const lectures = await getProgramme(t.app.db, seminar!.id);
    const slots = lectures.map((l) => ({
      lecturer: l.people.map((p) => `${p.name} (${p.affiliation})`).join(),
      role: l.people[0]?.role,
      from: formatTime(l.startsAt!, 'Europe/Brussels'),
      to: formatTime(l.endsAt!, 'Europe/Brussels'),
      zone: zoneAbbreviation(l.startsAt!, 'Europe/Brussels'),
    }));
    expect(slots).toEqual([
      { lecturer: 'Valérie Cappuyns (KU Leuven)', role: 'lecturer', from: '09:00', to: '10:30', zone: 'CET' },
      { lecturer: 'Lev Filippov (École nationale supérieure de géologie (ENSG), University of Lorraine)', role: 'lecturer', from: '10:30', to: '12:00', zone: 'CET' },
      { lecturer: 'Toni Eerola (Geological Survey of Finland (GTK))', role: 'lecturer', from: '13:00', to: '14:30', zone: 'CET' },
    ]);
  });

  it('publishes every news post, linked to its event', async () => {
    for (const seeded of news) {
      const post = await findPublishedNews(t.app.db, seeded.post.slug!);
      expect(post, seeded.post.slug).not.toBeNull();
      if (seeded.eventSlug) expect(post!.eventId, seeded.post.slug).toBe((await findEventBySlug(t.app.db, seeded.eventSlug))?.id);
    }
  });

  it('keeps meeting links off every public event page', async () => {
    for (const seeded of events) {
      const event = await findEventBySlug(t.app.db, seeded.event.slug!);
      expect(await getMeetingUrl(t.app.db, event!.id)).toBeNull();
      const secret = `https://meet.example.org/j/secret-${event!.id}`;
      await t.app.db.updateTable('events').set({ meeting_url: secret }).where('id', '=', event!.id).execute();
      const page = await t.app.inject(`/events/${event!.slug}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(secret);
      const list = await t.app.inject('/events');
      expect(list.body).not.toContain(secret);
    }
  });

  it('renders the about text with the way to join, at /about', async () => {
    const page = await t.app.inject('/about');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('7th Raw Materials Week');
    expect(page.body).toContain('href="/join"');
    const underPages = await t.app.inject('/pages/about/');
    expect(underPages.statusCode).toBe(301);
    expect(underPages.headers.location).toBe('/about');
  });

  it('lets an admin edit the about page at /admin/pages', async () => {
    const { cookie } = await signIn(t.app, { role: 'admin' });
    const list = await t.app.inject({ url: '/admin/pages', headers: { cookie } });
    expect(list.body).toContain('About the hub');
    const page = (await listPagesForAdmin(t.app.db)).find((p) => p.url === '/about')!;
    const csrf = await csrfFor(t.app, cookie);
    const fields = { title: 'About the Cluster Hub', slug: 'about', bodyMd: `${page.bodyMd}\n\nWe also meet online every month.`, status: 'published', navPlacement: 'none', navOrder: '0' };
    const saved = await t.app.inject({
      method: 'POST',
      url: `/admin/pages/${page.id}`,
      headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, _csrf: csrf.token }).toString(),
    });
    expect(saved.statusCode).toBe(303);
    const about = await t.app.inject('/about');
    expect(about.body).toContain('<h1 id="page-title">About the Cluster Hub</h1>');
    expect(about.body).toContain('We also meet online every month.');
  });
});

describe('seeding again', () => {
  it('adds nothing when everything is there, and restores what is missing', async () => {
    const t = await createTestApp('sqlite');
    try {
      expect(await seed(t.app.db)).toEqual({ projects: 0, events: 0, news: 0, pages: 0, passports: 0 });
      await t.app.db.deleteFrom('news').where('slug', '=', 'batt4eu-sria-published').execute();
      await t.app.db.deleteFrom('pages').where('path', '=', 'about').execute();
      expect(await seed(t.app.db)).toEqual({ projects: 0, events: 0, news: 1, pages: 1, passports: 0 });
      expect((await t.app.inject('/about')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
