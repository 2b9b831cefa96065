import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';

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
});
