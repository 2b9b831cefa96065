import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, postForm, signIn, type TestApp } from '../../../test/helpers/app.js';
import { findEventBySlug } from './service.js';

/** The values a browser would send back from the edit form, read from its HTML. */
function formValues(html: string): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  const add = (k: string, v: string) => {
    const prev = values[k];
    values[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
  };
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  for (const m of html.matchAll(/<input ([^>]*)\/?>/g)) {
    const name = /name="([^"]+)"/.exec(m[1])?.[1];
    if (!name || name === '_csrf' || name === 'q') continue;
    const type = /type="([^"]+)"/.exec(m[1])?.[1] ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(m[1])) continue;
    const value = /value="([^"]*)"/.exec(m[1])?.[1] ?? (/\bvalue\b/.test(m[1]) ? '' : 'on');
    add(name, decode(value));
  }
  for (const m of html.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(m[1], decode(m[2]));
  for (const m of html.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option value="([^"]*)" selected/.exec(m[2]) ?? /<option value="([^"]*)"/.exec(m[2]);
    if (chosen) add(m[1], decode(chosen[1]));
  }
  return values;
}

describeEachDatabase('events back office', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = (await signIn(t.app, { role: 'admin' })).cookie;
  });
  afterAll(async () => t?.close());

  const post = (url: string, values: Record<string, string | string[]>) => postForm(t.app, url, values, { cookie: admin });

  it('edits the seeded seminar: the programme round-trips, reorders and saves', async () => {
    const event = (await findEventBySlug(t.app.db, 'exceed-capacity-building-seminar-2024'))!;
    const page = await t.app.inject({ url: `/admin/events/${event.id}`, headers: { cookie: admin } });
    expect(page.statusCode).toBe(200);
    const values = formValues(page.body);
    expect(values.programme).toContain('Geochemical assessment');
    expect(values.startsAt).toMatch(/^2024-02-19T/);

    const same = await post(`/admin/events/${event.id}`, values);
    expect(same.statusCode).toBe(303);
    const publicPage = await t.app.inject(`/events/${event.slug}`);
    expect(publicPage.body).toContain('Geochemical assessment in the field of mining and resource recovery');
    expect(publicPage.body).toContain('Valérie Cappuyns');

    const lines = String(values.programme).split('\n');
    const reordered = [...lines.filter((l) => !/^\s/.test(l) && !l.startsWith('- ')).slice(-1), ...lines].join('\n');
    const moved = await post(`/admin/events/${event.id}`, { ...values, programme: `break 08:00-08:15 | Welcome coffee\n${reordered.split('\n').slice(1).join('\n')}` });
    expect(moved.statusCode).toBe(303);
    const after = await t.app.inject(`/events/${event.slug}`);
    expect(after.body.indexOf('Welcome coffee')).toBeLessThan(after.body.indexOf('Geochemical assessment'));

    const corrected = String(values.programme).replace(/(lecturer: Valérie Cappuyns)(, [^\n]*)?/, '$1, University of Testing');
    expect((await post(`/admin/events/${event.id}`, { ...values, programme: corrected })).statusCode).toBe(303);
    expect((await t.app.inject(`/events/${event.slug}`)).body).toContain('University of Testing');
  });

  it('refuses a wrong programme line and impossible dates with 422, keeping the input', async () => {
    const event = (await findEventBySlug(t.app.db, 'exceed-capacity-building-seminar-2024'))!;
    const values = formValues((await t.app.inject({ url: `/admin/events/${event.id}`, headers: { cookie: admin } })).body);
    const bad = await post(`/admin/events/${event.id}`, { ...values, programme: 'talk 09:00-09:30 | Fine\nspeech 10:00-11:00 | <b>Wrong</b>', endsAt: '2024-02-18T09:00', timezone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Line 2');
    expect(bad.body).toContain('field-timezone-error');
    expect(bad.body).toContain('&lt;b>Wrong&lt;/b>');
    expect((await t.app.inject(`/events/${event.slug}`)).body).toContain('Geochemical assessment');
  });

  it('creates a draft event, then deletes it', async () => {
    const created = await post('/admin/events', { title: 'Draft webinar', type: 'webinar', format: 'online', timezone: 'Europe/Brussels', startsAt: '2030-05-01T10:00', endsAt: '2030-05-01T11:30', status: 'draft', programme: 'talk 10:00-10:30 | Opening\n  speaker: Ana Lima, LNEG' });
    expect(created.statusCode).toBe(303);
    const id = /\/admin\/events\/(\d+)/.exec(created.headers.location as string)![1];
    expect((await t.app.inject('/events/draft-webinar')).statusCode).toBe(404);
    const preview = await t.app.inject({ url: `/admin/events/${id}/preview`, headers: { cookie: admin } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('this draft is not public yet');
    expect(preview.body).toContain('Ana Lima');
    expect(preview.headers['cache-control']).toContain('no-store');
    expect((await t.app.inject(`/admin/events/${id}/preview`)).statusCode).toBe(302);
    expect((await post(`/admin/events/${id}/delete`, {})).statusCode).toBe(303);
    expect((await t.app.inject({ url: `/admin/events/${id}`, headers: { cookie: admin } })).statusCode).toBe(404);
  });
});
