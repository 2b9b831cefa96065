import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, postForm, signIn, type TestApp } from '../../../test/helpers/app.js';
import { eventWithRegistration, person, postRegistration } from '../../../test/helpers/registration.js';
import { expireOffer, managePath, poolsOf, purgeExpired, signRegistration, verifyRegistrationToken } from './service.js';

describe('registration helpers', () => {
  it('signs links per purpose and refuses tampered ones in constant time', () => {
    const token = signRegistration('s'.repeat(32), 7, 'manage');
    expect(verifyRegistrationToken('s'.repeat(32), 7, 'manage', token)).toBe(true);
    expect(verifyRegistrationToken('s'.repeat(32), 8, 'manage', token)).toBe(false);
    expect(verifyRegistrationToken('s'.repeat(32), 7, 'checkin', token)).toBe(false);
    expect(verifyRegistrationToken('s'.repeat(32), 7, 'manage', token.slice(0, -1))).toBe(false);
  });
});

describeEachDatabase('registration', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false, env: { REGISTRATION_RATE_LIMIT: '0' } });
  });
  afterAll(async () => t?.close());

  const rows = (eventId: number) => t.app.db.selectFrom('registrations').selectAll().where('event_id', '=', eventId).orderBy('id').execute();

  it('registers a person without an account and shows their manage page', async () => {
    const { event } = await eventWithRegistration(t.app);
    const page = await t.app.inject(`/events/${event.slug}/register`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('How will you attend?');
    const response = await postRegistration(t.app, event.slug, person(1));
    expect(response.statusCode).toBe(303);
    const [row] = await rows(event.id);
    expect(row).toMatchObject({ status: 'confirmed', mode: 'in-person', email_normalised: 'person1@example.org', country: 'BE' });
    expect(response.headers.location).toBe(`${managePath(t.config.secret, row.id)}?notice=registered`);
    const manage = await t.app.inject(response.headers.location as string);
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain('Your in-person place is confirmed');
    const eventPage = await t.app.inject(`/events/${event.slug}`);
    expect(eventPage.body).toContain('Open until');
    expect(eventPage.body).not.toContain('zoom.example');
  });

  it('keeps one registration per e-mail and says so beside the field', async () => {
    const { event } = await eventWithRegistration(t.app);
    expect((await postRegistration(t.app, event.slug, person(2))).statusCode).toBe(303);
    const again = await postRegistration(t.app, event.slug, person(2, { email: '  PERSON2@example.org ', name: 'Someone else' }));
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already registered for this event');
    expect(again.body).toContain('Someone else');
    const parallel = await Promise.all(Array.from({ length: 10 }, () => postRegistration(t.app, event.slug, person(3))));
    expect(parallel.filter((r) => r.statusCode === 303)).toHaveLength(1);
    expect(parallel.filter((r) => r.statusCode === 409)).toHaveLength(9);
    expect(await rows(event.id)).toHaveLength(2);
  });

  it('refuses bad input with a message beside the field and stores nothing', async () => {
    const { event } = await eventWithRegistration(t.app, { format: 'in-person', settings: { questions: { organisation: true, country: true, role: false, dietary: false, custom: ['Why?'] } } });
    const cases: [Record<string, string>, string][] = [
      [person(10, { email: 'not-an-address' }), 'Enter an e-mail address like'],
      [person(11, { email: '' }), 'Enter your e-mail address'],
      [{ ...person(12), consent: '' }, 'agree to the privacy notice'],
      [person(13, { mode: 'online' }), 'Choose how you will attend'],
      [person(14, { mode: 'teleport' }), 'Choose how you will attend'],
      [person(15, { country: 'XX' }), 'Choose your country from the list'],
      [person(16, { answer_0: 'x'.repeat(5000) }), 'at most 1000 characters'],
      [person(17, { name: '<script>alert(1)</script>'.repeat(20) }), 'at most 200 characters'],
    ];
    for (const [values, message] of cases) {
      const response = await postRegistration(t.app, event.slug, values);
      expect(response.statusCode, message).toBe(422);
      expect(response.body).toContain(message);
      expect(response.body).not.toContain('<script>alert');
      expect(response.body).toContain('class="error-message"');
    }
    expect(await rows(event.id)).toHaveLength(0);
    const noCsrf = await t.app.inject({ method: 'POST', url: `/events/${event.slug}/register`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(person(18)) });
    expect(noCsrf.statusCode).toBe(403);
    const hostile = await postRegistration(t.app, event.slug, { name: ['a', 'b'] as unknown as string, email: '%00', mode: '{}' });
    expect(hostile.statusCode).toBe(422);
    expect(await rows(event.id)).toHaveLength(0);
  });

  it('refuses closed registration and past events', async () => {
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const { event: closed } = await eventWithRegistration(t.app, { settings: { closesAt: past } });
    const response = await postRegistration(t.app, closed.slug, person(20));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Registration is closed');
    const { event } = await eventWithRegistration(t.app);
    await t.app.db.updateTable('events').set({ starts_at: '2020-01-01T09:00:00.000Z', ends_at: '2020-01-01T12:00:00.000Z' }).where('id', '=', event.id).execute();
    const late = await postRegistration(t.app, event.slug, person(21));
    expect(late.statusCode).toBe(422);
    expect(late.body).toContain('already taken place');
    expect((await rows(closed.id)).length + (await rows(event.id)).length).toBe(0);
    expect((await t.app.inject('/events/no-such-event/register')).statusCode).toBe(404);
  });

  it('takes exactly the capacity under a burst of parallel registrations', async () => {
    const { event } = await eventWithRegistration(t.app, { settings: { inPersonCapacity: 5 } });
    const csrf = await csrfFor(t.app);
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => postRegistration(t.app, event.slug, person(100 + i), csrf)));
    expect(responses.every((r) => r.statusCode === 303)).toBe(true);
    const all = await rows(event.id);
    expect(all).toHaveLength(40);
    expect(all.filter((r) => r.status === 'confirmed')).toHaveLength(5);
    expect(all.filter((r) => r.status === 'waitlisted')).toHaveLength(35);
    expect(new Set(all.map((r) => r.email_normalised)).size).toBe(40);
    expect((await poolsOf(t.app.db, event.id)).find((p) => p.mode === 'in-person')?.taken).toBe(5);
  });

  it('offers an online place instead when asked, and the API answers JSON', async () => {
    const { event } = await eventWithRegistration(t.app, { settings: { inPersonCapacity: 1 } });
    await postRegistration(t.app, event.slug, person(30));
    await postRegistration(t.app, event.slug, person(31, { if_full: 'online' }));
    const [a, b] = await rows(event.id);
    expect([a.status, a.mode, b.status, b.mode]).toEqual(['confirmed', 'in-person', 'confirmed', 'online']);
    const { cookie, token } = await csrfFor(t.app);
    const viaApi = (email: string, consent: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/events/${event.slug}/registrations`,
        headers: { cookie, 'x-csrf-token': token },
        payload: { name: 'Api Person', email, organisation: 'Org', country: 'DE', mode: 'in-person', consent },
      });
    const api = await viaApi('api@example.org', true);
    expect(api.statusCode).toBe(201);
    expect(api.json()).toMatchObject({ status: 'waitlisted', mode: 'in-person' });
    const forged = await t.app.inject({
      method: 'POST',
      url: `/api/v1/events/${event.slug}/registrations`,
      payload: { name: 'Forged', email: 'forged@example.org', organisation: 'Org', country: 'DE', mode: 'in-person', consent: true },
    });
    expect(forged.statusCode).toBe(403);
    const bad = await viaApi('nope', false);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields).toMatchObject({ email: expect.any(String), consent: expect.any(String) });
    const spec = await t.app.inject('/api/openapi.json');
    expect(spec.json().paths['/api/v1/events/{slug}/registrations']).toBeDefined();
  });

  it('offers freed places in strict arrival order; accept, decline and expiry pass it on', async () => {
    const { event } = await eventWithRegistration(t.app, { settings: { inPersonCapacity: 2 } });
    for (const n of [40, 41, 42, 43, 44]) await postRegistration(t.app, event.slug, person(n));
    const byEmail = async (n: number) => (await rows(event.id)).find((r) => r.email_normalised === `person${n}@example.org`)!;
    const manage = async (n: number) => managePath(t.config.secret, (await byEmail(n)).id);
    const post = (url: string, values: Record<string, string> = {}) => postForm(t.app, url, values);
    expect((await post(`${await manage(40)}/cancel`)).statusCode).toBe(303);
    expect((await byEmail(42)).status).toBe('offered');
    expect((await byEmail(43)).status).toBe('waitlisted');
    expect((await t.app.inject(await manage(44))).body).toContain('You are number 2 on the waiting list');
    expect((await post(`${await manage(42)}/offer`, { answer: 'decline' })).statusCode).toBe(303);
    expect((await byEmail(42)).status).toBe('lapsed');
    expect((await byEmail(43)).status).toBe('offered');
    // Nobody answers in time: the expiry job passes the place to the next person.
    await t.app.db.updateTable('registrations').set({ offer_expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', (await byEmail(43)).id).execute();
    expect(await expireOffer(t.app.db, (await byEmail(43)).id)).toBe(true);
    expect((await byEmail(43)).status).toBe('lapsed');
    expect((await byEmail(44)).status).toBe('offered');
    expect((await post(`${await manage(44)}/offer`, { answer: 'accept' })).statusCode).toBe(303);
    expect((await byEmail(44)).status).toBe('confirmed');
    expect((await poolsOf(t.app.db, event.id)).find((p) => p.mode === 'in-person')?.taken).toBe(2);
    expect((await rows(event.id)).filter((r) => r.holds_seat === 1)).toHaveLength(2);
  });

  it('lets a person switch mode, edit answers, download and delete their data; tampered links are refused', async () => {
    const { event } = await eventWithRegistration(t.app);
    await postRegistration(t.app, event.slug, person(50));
    const [row] = await rows(event.id);
    const base = managePath(t.config.secret, row.id);
    const { cookie, token } = await csrfFor(t.app);
    const post = (url: string, values: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ ...values, _csrf: token }) });
    expect((await post(`${base}/mode`, { mode: 'online' })).statusCode).toBe(303);
    expect((await post(`${base}/mode`, { mode: 'balloon' })).statusCode).toBe(422);
    expect((await post(`${base}/answers`, { name: 'New Name', organisation: 'New Org', country: 'FR' })).statusCode).toBe(303);
    const bad = await post(`${base}/answers`, { name: '', organisation: 'x', country: 'FR' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter your name');
    const ics = await t.app.inject(`${base}/calendar.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('zoom.example/j/123456789');
    const data = await t.app.inject(`${base}/data.json`);
    expect(data.json().registration).toMatchObject({ name: 'New Name', mode: 'online', organisation: 'New Org', country: 'FR' });
    for (const url of [`/registrations/${row.id}/${'x'.repeat(43)}`, `/registrations/${row.id + 1}/${base.split('/').pop()}`, `${base}x`]) {
      expect((await t.app.inject(url)).statusCode).toBe(404);
    }
    expect((await t.app.inject(`/registrations/${row.id}/%00`)).statusCode).toBe(400);
    expect((await post(`/registrations/${row.id}/forged/delete`, {})).statusCode).toBe(404);
    expect(await rows(event.id)).toHaveLength(1);
    await t.runJobs(); // the confirmation is written…
    await t.runJobs(); // …then delivered
    const mailTo = (address: string) => t.app.db.selectFrom('mail_messages').select('text_body').where('to_address', '=', address).execute();
    expect((await mailTo('person50@example.org')).length).toBeGreaterThan(0);
    expect((await post(`${base}/delete`, {})).statusCode).toBe(200);
    expect(await rows(event.id)).toHaveLength(0);
    // The outbox keeps no copy of what was sent to them either.
    expect(await mailTo('person50@example.org')).toHaveLength(0);
    expect((await poolsOf(t.app.db, event.id)).every((p) => p.taken === 0)).toBe(true);
  });

  it('shows organisers their screens and no one else', async () => {
    const { event, projectId } = await eventWithRegistration(t.app, { settings: { approvalRequired: true, inPersonCapacity: 10 } });
    await postRegistration(t.app, event.slug, person(60, { name: '=cmd|calc', organisation: 'Org A' }));
    await postRegistration(t.app, event.slug, person(61, { mode: 'online', organisation: 'Org B', country: 'DE' }));
    const organiser = await signIn(t.app, { role: 'editor', projectIds: [projectId] });
    const stranger = await signIn(t.app, { role: 'editor', projectIds: [] });
    const base = `/admin/events/${event.id}`;
    for (const url of [`${base}/registrations`, `${base}/registrations.csv`, `${base}/registration`, `${base}/check-in?q=Person`]) {
      expect((await t.app.inject({ url, headers: { cookie: stranger.cookie } })).statusCode, url).toBe(403);
      expect((await t.app.inject({ url })).statusCode, url).toBe(302);
      expect((await t.app.inject({ url, headers: { cookie: organiser.cookie } })).statusCode, url).toBe(200);
    }
    const list = await t.app.inject({ url: `${base}/registrations?status=pending`, headers: { cookie: organiser.cookie } });
    expect(list.body).toContain('Approve');
    const csv = await t.app.inject({ url: `${base}/registrations.csv`, headers: { cookie: organiser.cookie } });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`,'=cmd|calc,`);
    const [first, second] = await rows(event.id);
    const csrf = await csrfFor(t.app, organiser.cookie);
    const post = (url: string, values: Record<string, string>, who = csrf) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ ...values, _csrf: who.token }) });
    const strangerCsrf = await csrfFor(t.app, stranger.cookie);
    expect((await post(`${base}/registrations/${first.id}/decision`, { decision: 'approve' }, strangerCsrf)).statusCode).toBe(403);
    expect((await post(`${base}/registrations/${first.id}/decision`, { decision: 'approve' })).statusCode).toBe(303);
    expect((await post(`${base}/registrations/${second.id}/decision`, { decision: 'decline' })).statusCode).toBe(303);
    expect((await rows(event.id)).map((r) => r.status)).toEqual(['confirmed', 'declined']);
    expect((await post(`${base}/check-in/${first.id}`, { present: 'yes' })).statusCode).toBe(303);
    expect((await post(`${base}/check-in/${second.id}`, { present: 'yes' })).statusCode).toBe(409);
    const qr = await t.app.inject({ url: `${base}/check-in/${first.id}?t=${signRegistration(t.config.secret, first.id, 'checkin')}`, headers: { cookie: organiser.cookie } });
    expect(qr.statusCode).toBe(200);
    expect(qr.body).toContain('checked in at');
    expect((await t.app.inject({ url: `${base}/check-in/${first.id}?t=bad`, headers: { cookie: organiser.cookie } })).statusCode).toBe(404);
    const mail = await post(`${base}/registrations/mail`, { group: 'confirmed', subject: 'Practical details', body: 'See you there.' });
    expect(mail.headers.location).toContain('sent=1');
    const badMail = await post(`${base}/registrations/mail`, { group: 'everyone-ever', subject: '', body: '' });
    expect(badMail.statusCode).toBe(422);
    const settings = await post(`${base}/registration`, { privacy_notice: '', consent_text: 'ok', retention_days: '-4', offer_hours: 'x', in_person_capacity: 'lots' });
    expect(settings.statusCode).toBe(422);
    expect(settings.body).toContain('Keep data at least 1 day');
    const saved = await post(`${base}/registration`, { privacy_notice: 'Notice', consent_text: 'I agree', retention_days: '30', offer_hours: '24', in_person_capacity: '20', online_capacity: '', ask_organisation: 'on', ask_country: 'on', reminder_hours: '24, 2' });
    expect(saved.statusCode).toBe(303);
    // After the event the public page shows only aggregate figures.
    await t.app.db.updateTable('events').set({ starts_at: '2021-01-01T09:00:00.000Z', ends_at: '2021-01-01T12:00:00.000Z' }).where('id', '=', event.id).execute();
    const page = await t.app.inject(`/events/${event.slug}`);
    expect(page.body).toContain('1 on site, from 1 organisation in 1 country');
    expect(page.body).not.toContain('Person 61');
    await t.runJobs();
    await t.runJobs();
    const sentTo61 = () => t.app.db.selectFrom('mail_messages').select('id').where('to_address', '=', 'person61@example.org').execute();
    expect((await sentTo61()).length).toBeGreaterThan(0);
    expect(await purgeExpired(t.app.db)).toBe(2);
    expect((await rows(event.id)).every((r) => r.name === 'Anonymised' && !r.email.includes('@'))).toBe(true);
    expect(await sentTo61()).toHaveLength(0);
  });

  it('takes interest before opening and lets those people in first', async () => {
    const opensAt = new Date(Date.now() + 3_600_000).toISOString();
    const { event } = await eventWithRegistration(t.app, { settings: { preRegistration: true, opensAt, inPersonCapacity: 1 } });
    expect((await t.app.inject(`/events/${event.slug}`)).body).toContain('Pre-register');
    expect((await postRegistration(t.app, event.slug, person(70))).statusCode).toBe(303);
    expect((await rows(event.id))[0].status).toBe('interested');
    await t.app.db.updateTable('registration_settings').set({ opens_at: new Date(Date.now() - 1000).toISOString() }).where('event_id', '=', event.id).execute();
    await t.app.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('kind', '=', 'registration.invite-interested').execute();
    await t.runJobs();
    await t.runJobs();
    const invite = await t.app.db.selectFrom('mail_messages').selectAll().where('to_address', '=', 'person70@example.org').where('subject', 'like', 'Registration for%open').executeTakeFirst();
    expect(invite).toBeDefined();
    // Pre-registration switched off meanwhile: the earlier interest still becomes the registration.
    await t.app.db.updateTable('registration_settings').set({ pre_registration: 0 }).where('event_id', '=', event.id).execute();
    expect((await postRegistration(t.app, event.slug, person(70))).statusCode).toBe(303);
    const [row] = await rows(event.id);
    expect(row.status).toBe('confirmed');
    expect(await rows(event.id)).toHaveLength(1);
    expect((await postRegistration(t.app, event.slug, person(70))).statusCode).toBe(409);
  });
});
