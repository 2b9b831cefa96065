import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';
import { openDatabase } from '../../db/index.js';
import { deletePerson, ensurePerson, updatePerson } from '../directory/service.js';
import { createEvent, type EventInput, updateEvent } from './service.js';

describeEachDatabase('public event pages', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('lists events and shows a programme with lecturers and the time zone', async () => {
    const list = await t.app.inject('/events');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('EXCEED 1st Capacity Building Seminar');
    const page = await t.app.inject('/events/exceed-capacity-building-seminar-2024');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Geochemical assessment in the field of mining and resource recovery');
    expect(page.body).toContain('Valérie Cappuyns');
    expect(page.body).toMatch(/09:00.*10:30/s);
    expect(page.body).toContain('CET');
  });

  it('answers 404 with a page for an unknown event and 400 for an unknown filter value', async () => {
    const missing = await t.app.inject('/events/no-such-event');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Page not found');
    const bad = await t.app.inject('/events?type=%3Cscript%3E');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('<script>');
  });

  it('filters by type, format and project, and says when nothing matches', async () => {
    const seminars = await t.app.inject('/events?type=seminar');
    expect(seminars.statusCode).toBe(200);
    expect(seminars.body).toContain('EXCEED 1st Capacity Building Seminar');
    const summits = await t.app.inject('/events?type=summit&format=online');
    expect(summits.body).not.toContain('EXCEED 1st Capacity Building Seminar');
    const byProject = await t.app.inject('/events?project=exceed');
    expect(byProject.body).toContain('EXCEED 1st Capacity Building Seminar');
    const unknownProject = await t.app.inject('/events?project=no-such-project');
    expect(unknownProject.statusCode).toBe(200);
    expect(unknownProject.body).toContain('No events match these filters.');
  });

  it('lists a project’s events on its page', async () => {
    const page = await t.app.inject('/projects/exceed');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('EXCEED 1st Capacity Building Seminar');
  });

  it('shows every change at once, made through this instance or another: description, programme, the people on it', async () => {
    const input: EventInput = {
      title: 'Cache check workshop',
      slug: 'cache-check-workshop',
      type: 'workshop',
      format: 'in-person',
      descriptionMd: 'First *description*.',
      startsAt: '2031-05-06T08:00:00.000Z',
      endsAt: '2031-05-06T16:00:00.000Z',
      programme: [{ kind: 'talk', title: 'Opening talk', startsAt: '2031-05-06T08:00:00.000Z', people: [{ name: 'Ada Cachewell', role: 'speaker', affiliation: 'Org One' }] }],
    };
    const id = await createEvent(t.app.db, input);
    const page = async () => (await t.app.inject('/events/cache-check-workshop')).body;
    const first = await page();
    expect(first).toContain('First <em>description</em>.');
    expect(first).toContain('Opening talk');
    expect(first).toContain('Ada Cachewell');
    expect(await page()).toBe(first);

    // Another instance: its own connection, nothing shared in memory with this app.
    const other = openDatabase({ dataDir: t.database.dataDir, databaseUrl: t.database.databaseUrl, poolSize: 1 });
    try {
      await updateEvent(other.db, id, {
        ...input,
        descriptionMd: 'Second description.',
        programme: [{ kind: 'talk', title: 'Keynote instead', people: [{ name: 'Grace Freshley', role: 'chair', affiliation: 'Org Two' }] }],
      });
      const second = await page();
      expect(second).toContain('Second description.');
      expect(second).not.toContain('First <em>description</em>');
      expect(second).toContain('Keynote instead');
      expect(second).not.toContain('Opening talk');
      expect(second).toContain('Grace Freshley');
      expect(second).not.toContain('Ada Cachewell');

      const grace = await ensurePerson(other.db, { name: 'Grace Freshley' });
      await updatePerson(other.db, grace, { name: 'Grace Renamed', affiliation: 'Org Three' });
      const renamed = await page();
      expect(renamed).toContain('Grace Renamed');
      expect(renamed).toContain('Org Three');
      expect(renamed).not.toContain('Grace Freshley');

      await deletePerson(other.db, grace);
      const gone = await page();
      expect(gone).toContain('Keynote instead');
      expect(gone).not.toContain('Grace Renamed');
    } finally {
      await other.close();
    }
  });
});
