import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';

describeEachDatabase('feeds and calendars', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('serves news as RSS 2.0 with absolute links', async () => {
    const response = await t.app.inject('/news.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/rss+xml');
    expect(response.body).toMatch(/^<\?xml/);
    expect(response.body).toContain('<rss version="2.0"');
    expect(response.body).toContain('<link>http://hub.test/news/');
  });

  it('serves every event as iCalendar with the event’s time zone', async () => {
    const response = await t.app.inject('/events.ics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/calendar');
    expect(response.body).toContain('BEGIN:VCALENDAR');
    expect(response.body).toContain('BEGIN:VTIMEZONE');
    expect(response.body).toContain('TZID:Europe/Brussels');
    // The EXCEED seminar's first lecture starts 09:00 Brussels time (08:00 UTC in February).
    expect(response.body).toContain('DTSTART;TZID=Europe/Brussels:20240219T090000');
  });

  it('serves one event’s calendar file and 404 for an unknown one', async () => {
    const one = await t.app.inject('/events/exceed-capacity-building-seminar-2024.ics');
    expect(one.statusCode).toBe(200);
    expect(one.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(one.headers['content-disposition']).toContain('exceed-capacity-building-seminar-2024.ics');
    expect((await t.app.inject('/events/nope.ics')).statusCode).toBe(404);
  });
});
