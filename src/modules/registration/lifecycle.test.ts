import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, postForm, signIn, type TestApp } from '../../../test/helpers/app.js';
import { eventWithRegistration, person, postRegistration } from '../../../test/helpers/registration.js';
import { managePath, poolsOf } from './service.js';

describeEachDatabase('registration life cycle', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false, env: { REGISTRATION_RATE_LIMIT: '0' } });
  });
  afterAll(async () => t?.close());

  const rows = (eventId: number) => t.app.db.selectFrom('registrations').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
  const post = (url: string, values: Record<string, string> = {}, remoteAddress = '127.0.0.1') => postForm(t.app, url, values, { remoteAddress });
  const linkMails = (eventId: number) =>
    t.app.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'registration.mail')
      .execute()
      .then((jobs) => jobs.map((j) => JSON.parse(j.payload) as { id: number; kind: string }).filter((p) => p.kind === 'link'))
      .then(async (links) => {
        const ids = new Set((await rows(eventId)).map((r) => r.id));
        return links.filter((l) => ids.has(l.id));
      });

  it('asks before cancelling, says what happens to the place, and lets the person register again at the end of the queue', async () => {
    const { event } = await eventWithRegistration(t.app, { format: 'in-person', settings: { inPersonCapacity: 1 } });
    await postRegistration(t.app, event.slug, person(1));
    await postRegistration(t.app, event.slug, person(2));
    const [first, second] = await rows(event.id);
    const base = managePath(t.config.secret, first.id);
    const confirm = await t.app.inject(`${base}/cancel`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Cancel your registration?');
    expect(confirm.body).toContain('Your in-person place goes to the next person on the waiting list');
    // the confirmation page changes nothing
    expect((await rows(event.id))[0].status).toBe('confirmed');
    expect((await post(`${base}/cancel`)).headers.location).toBe(`${base}?notice=cancelled`);
    const cancelled = await t.app.inject(`${base}?notice=cancelled`);
    expect(cancelled.body).toContain('Your registration is cancelled');
    expect(cancelled.body).toContain('Register again');
    expect((await rows(event.id)).map((r) => r.status)).toEqual(['cancelled', 'offered']);
    // a cancelled registration has nothing more to cancel
    expect((await t.app.inject(`${base}/cancel`)).statusCode).toBe(303);

    const again = await postRegistration(t.app, event.slug, person(1, { name: 'Person One Again' }));
    expect(again.statusCode).toBe(303);
    const afterAgain = await rows(event.id);
    expect(afterAgain).toHaveLength(2);
    expect(afterAgain[0]).toMatchObject({ id: first.id, status: 'waitlisted', name: 'Person One Again', holds_seat: 0 });
    expect(afterAgain[1]).toMatchObject({ id: second.id, status: 'offered' });
    expect((await t.app.inject(base)).body).toContain('You are number 1 on the waiting list');
  });

  it('lets only one of two tabs re-register a cancelled registration, taking one seat', async () => {
    const { event } = await eventWithRegistration(t.app, { format: 'in-person', settings: { inPersonCapacity: 5 } });
    await postRegistration(t.app, event.slug, person(3));
    const [row] = await rows(event.id);
    await post(`${managePath(t.config.secret, row.id)}/cancel`);
    expect((await poolsOf(t.app.db, event.id))[0].taken).toBe(0);
    const tabs = await Promise.all(Array.from({ length: 6 }, () => postRegistration(t.app, event.slug, person(3))));
    expect(tabs.filter((r) => r.statusCode === 303)).toHaveLength(1);
    expect(tabs.filter((r) => r.statusCode === 409)).toHaveLength(5);
    expect(await rows(event.id)).toHaveLength(1);
    expect((await rows(event.id))[0].status).toBe('confirmed');
    expect((await poolsOf(t.app.db, event.id))[0].taken).toBe(1);
  });

  it('mails a lost link with the same answer whether or not the address is registered', async () => {
    const { event } = await eventWithRegistration(t.app);
    await postRegistration(t.app, event.slug, person(4));
    const [row] = await rows(event.id);
    const form = await t.app.inject(`/events/${event.slug}/lost-link`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Send my link');
    const from = `10.0.${dialect === 'sqlite' ? 1 : 2}.1`;
    const known = await post(`/events/${event.slug}/lost-link`, { email: ' PERSON4@example.org ' }, from);
    const unknown = await post(`/events/${event.slug}/lost-link`, { email: 'nobody@example.org' }, from);
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    const answer = (body: string, address: string) => body.replace(address, 'ADDRESS').replace(/<input type="hidden" name="_csrf"[^>]*>/g, '');
    expect(answer(known.body, 'person4@example.org')).toBe(answer(unknown.body, 'nobody@example.org'));
    expect(await linkMails(event.id)).toEqual([{ id: row.id, kind: 'link' }]);
    // asking again within the quarter of an hour sends nothing new
    await post(`/events/${event.slug}/lost-link`, { email: 'person4@example.org' }, from);
    expect(await linkMails(event.id)).toHaveLength(1);
    // one address may ask five times a minute, so nobody can walk a list of addresses through the form
    await post(`/events/${event.slug}/lost-link`, { email: 'other1@example.org' }, from);
    await post(`/events/${event.slug}/lost-link`, { email: 'other2@example.org' }, from);
    expect((await post(`/events/${event.slug}/lost-link`, { email: 'other3@example.org' }, from)).statusCode).toBe(429);
    for (const [i, email] of ['', 'not an address', '<script>@x.y', 'a@b.c'.repeat(60)].entries()) {
      const bad = await post(`/events/${event.slug}/lost-link`, { email }, `10.1.${dialect === 'sqlite' ? 1 : 2}.${i}`);
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toMatch(/Enter an e-mail address like|Use at most 254 characters/);
      expect(bad.body).not.toContain('<script>@');
    }
    expect((await t.app.inject(`/events/no-such-event/lost-link`)).statusCode).toBe(404);
    await t.runJobs();
    const mail = await t.app.db.selectFrom('mail_messages').selectAll().where('to_address', '=', 'person4@example.org').where('subject', 'like', 'Your link for%').executeTakeFirst();
    expect(mail?.text_body).toContain(managePath(t.config.secret, row.id));
  });

  it('says so when every pool is full, offering only the waiting list', async () => {
    const { event } = await eventWithRegistration(t.app, { settings: { inPersonCapacity: 1, onlineCapacity: 1 } });
    await postRegistration(t.app, event.slug, person(5));
    await postRegistration(t.app, event.slug, person(6, { mode: 'online' }));
    const page = await t.app.inject(`/events/${event.slug}/register`);
    expect(page.body).toContain('All in-person and online places are taken');
    expect(page.body).not.toContain('Give me an online place instead');
    expect(page.body).toContain('Join the waiting list</button>');
    const waiting = await postRegistration(t.app, event.slug, person(7, { if_full: 'online' }));
    expect(waiting.statusCode).toBe(303);
    expect((await rows(event.id))[2]).toMatchObject({ status: 'waitlisted', mode: 'in-person' });
  });

  it('says "your place is confirmed" when an offer is accepted', async () => {
    const { event } = await eventWithRegistration(t.app, { format: 'in-person', settings: { inPersonCapacity: 1 } });
    await postRegistration(t.app, event.slug, person(8));
    await postRegistration(t.app, event.slug, person(9));
    const [first, second] = await rows(event.id);
    await post(`${managePath(t.config.secret, first.id)}/cancel`);
    const base = managePath(t.config.secret, second.id);
    const accepted = await post(`${base}/offer`, { answer: 'accept' });
    expect(accepted.headers.location).toBe(`${base}?notice=confirmed`);
    const page = await t.app.inject(accepted.headers.location as string);
    expect(page.body).toContain('your place is confirmed');
    expect(page.body).toContain('Your in-person place is confirmed.');
  });

  it('checks in confirmed in-person people only, and says why not for the others', async () => {
    const { event, projectId } = await eventWithRegistration(t.app, { settings: { inPersonCapacity: 10 } });
    for (const [n, mode] of [[20, 'in-person'], [21, 'online'], [22, 'in-person']] as const) await postRegistration(t.app, event.slug, person(n, { mode }));
    const [here, online, leaving] = await rows(event.id);
    await post(`${managePath(t.config.secret, leaving.id)}/cancel`);
    const { cookie: session } = await signIn(t.app, { role: 'editor', projectIds: [projectId] });
    const tap = async (id: number, present: 'yes' | 'no') => {
      const { cookie, token } = await csrfFor(t.app, session);
      return t.app.inject({
        method: 'POST',
        url: `/admin/events/${event.id}/check-in/${id}`,
        headers: { cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ present, _csrf: token }),
      });
    };
    const first = await tap(here.id, 'yes');
    expect(first.json()).toMatchObject({ present: true, checkedIn: 1, expected: 1 });
    // a second tap (two phones at the door) changes nothing and counts no one twice
    expect((await tap(here.id, 'yes')).json()).toMatchObject({ checkedIn: 1, expected: 1 });
    const onlineTap = await tap(online.id, 'yes');
    expect(onlineTap.statusCode).toBe(409);
    expect(onlineTap.json().error.message).toContain('registered to attend online; check-in is for people in the room');
    const cancelledTap = await tap(leaving.id, 'yes');
    expect(cancelledTap.statusCode).toBe(409);
    expect(cancelledTap.json().error.message).toContain('cannot be checked in: cancelled');
    expect((await rows(event.id)).filter((r) => r.checked_in_at !== null).map((r) => r.id)).toEqual([here.id]);
    expect((await tap(here.id, 'no')).json()).toMatchObject({ present: false, checkedIn: 0 });
    const list = await t.app.inject({ url: `/admin/events/${event.id}/check-in?q=PERSON20`, headers: { cookie: session } });
    expect(list.body).toContain('Person 20');
    expect(list.body).not.toContain('Person 21');
    expect(list.body.replace(/<[^>]+>/g, '')).toContain('0 checked in / 1 expected');
  });

  it('puts upcoming registration figures and approvals waiting on the back-office home, and links the event form to its settings', async () => {
    const { event, projectId } = await eventWithRegistration(t.app, { format: 'in-person', settings: { inPersonCapacity: 1, approvalRequired: true } });
    await postRegistration(t.app, event.slug, person(30));
    await postRegistration(t.app, event.slug, person(31));
    const { cookie: editor } = await signIn(t.app, { role: 'editor', projectIds: [projectId] });
    const home = (await t.app.inject({ url: '/admin', headers: { cookie: editor } })).body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(home).toContain('1 registration for Registration test event');
    expect(home).toContain('awaits approval');
    // The start in the event's zone, named: "17 December 2026, 21:15 CET".
    expect(home).toMatch(/Registration test event \d+ \d{1,2} \w+ \d{4}, \d{2}:\d{2} [A-Z]{3,4} 0 of 1 1 1/);
    const { cookie: stranger } = await signIn(t.app, { role: 'editor', projectIds: [] });
    expect((await t.app.inject({ url: '/admin', headers: { cookie: stranger } })).body).not.toContain(event.title);
    const form = await t.app.inject({ url: `/admin/events/${event.id}`, headers: { cookie: editor } });
    expect(form.body).toContain('Registration is open.');
    expect(form.body).toContain(`href="/admin/events/${event.id}/registration"`);
  });
});
