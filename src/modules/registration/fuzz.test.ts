import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, signIn, type TestApp } from '../../../test/helpers/app.js';
import { eventWithRegistration, person, postRegistration } from '../../../test/helpers/registration.js';
import { managePath } from './service.js';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR 1=1 --", '%', '\u0000', 'ä'.repeat(3000), '[]', '=cmd|calc', '-1', '99999999999999999999'];

describeEachDatabase('registration under hostile input', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false, env: { REGISTRATION_RATE_LIMIT: '0' } });
  });
  afterAll(async () => t?.close());

  const safe = (response: { statusCode: number; body: string }, label: string) => {
    expect(response.statusCode, label).toBeLessThan(500);
    expect(response.body, label).not.toContain('<script>alert(1)</script>');
    expect(response.body, label).not.toContain('<img src=x onerror');
  };

  it('never answers 5xx on public, self-service and organiser routes, and stores nothing from bad forms', async () => {
    const { event, projectId } = await eventWithRegistration(t.app, { settings: { inPersonCapacity: 3 } });
    await postRegistration(t.app, event.slug, person(1));
    const [row] = await t.app.db.selectFrom('registrations').select('id').where('event_id', '=', event.id).execute();
    const manage = managePath(t.config.secret, row.id);
    const organiser = await signIn(t.app, { role: 'editor', projectIds: [projectId] });
    const csrf = await csrfFor(t.app, organiser.cookie);
    const post = (url: string, values: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ ...values, _csrf: csrf.token }) });
    const admin = `/admin/events/${event.id}`;
    for (const value of HOSTILE) {
      for (const field of ['name', 'email', 'organisation', 'country', 'mode', 'if_full', 'consent']) {
        safe(await postRegistration(t.app, event.slug, { ...person(2), [field]: value }), `register ${field}=${value.slice(0, 20)}`);
      }
      const api = await t.app.inject({
        method: 'POST',
        url: `/api/v1/events/${event.slug}/registrations`,
        headers: { cookie: csrf.cookie, 'x-csrf-token': csrf.token },
        payload: { name: value, email: value, organisation: value, country: value.slice(0, 10), mode: value.slice(0, 20), consent: true },
      });
      safe(api, `api ${value.slice(0, 20)}`);
      for (const path of ['mode', 'answers', 'offer']) safe(await post(`${manage}/${path}`, { mode: value, name: value, answer: value, country: value }), `manage ${path}`);
      for (const key of ['q', 'mode', 'status', 'page']) {
        safe(await t.app.inject({ url: `${admin}/registrations?${key}=${encodeURIComponent(value)}`, headers: { cookie: organiser.cookie } }), `list ${key}`);
      }
      safe(await t.app.inject({ url: `${admin}/check-in?q=${encodeURIComponent(value)}`, headers: { cookie: organiser.cookie } }), 'check-in');
      safe(await t.app.inject({ url: `${admin}/check-in/${row.id}?t=${encodeURIComponent(value)}`, headers: { cookie: organiser.cookie } }), 'qr');
      safe(await post(`${admin}/registrations/${row.id}/mode`, { mode: value }), 'move');
      safe(await post(`${admin}/registrations/${row.id}/decision`, { decision: value }), 'decide');
      safe(await post(`${admin}/registration`, { opens_at: value, closes_at: value, in_person_capacity: value, retention_days: value, offer_hours: value, reminder_hours: value, privacy_notice: value, consent_text: value, custom_questions: value }), 'settings');
      safe(await post(`${admin}/registrations/mail`, { group: value, subject: value, body: value }), 'mail');
    }
    for (const url of [`/registrations/abc/def`, `/registrations/-1/x`, `/registrations/99999999999/x`, `/admin/events/abc/registrations`, `/events/${event.slug}/register?x=%`]) {
      safe(await t.app.inject({ url, headers: { cookie: organiser.cookie } }), url);
    }
    // Odd names and organisations are still names ("' OR 1=1 --" is stored as text and escaped when shown);
    // an invalid address, country, mode or missing consent never reaches the table.
    const rows = await t.app.db.selectFrom('registrations').select(['email', 'country', 'mode']).where('event_id', '=', event.id).orderBy('id').execute();
    expect(rows.map((r) => r.email)).toEqual(['person1@example.org', 'person2@example.org']);
    expect(rows.every((r) => r.country === 'BE' && r.mode === 'in-person')).toBe(true);
  });
});
