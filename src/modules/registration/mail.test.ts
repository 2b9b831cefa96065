import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';
import { eventWithRegistration, person, postRegistration } from '../../../test/helpers/registration.js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { attachmentBytes, attachmentOf } from '../../../test/helpers/registration-mail.js';
import { startSmtp, type TestSmtp } from '../../../test/helpers/smtp.js';
import { checkInPath } from './service.js';

describeEachDatabase('registration mail through SMTP', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, { seeded: false, env: { SMTP_URL: smtp.url, REGISTRATION_RATE_LIMIT: '0' } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const mailTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

  it('sends the meeting link only to online participants, the venue and a check-in QR code to in-person ones, each with an .ics', async () => {
    const { event } = await eventWithRegistration(t.app, { settings: { inPersonCapacity: 1 } });
    await postRegistration(t.app, event.slug, person(1, { mode: 'online' }));
    await postRegistration(t.app, event.slug, person(2, { mode: 'in-person' }));
    await postRegistration(t.app, event.slug, person(3, { mode: 'in-person' }));
    // The first run renders the confirmations into the outbox, the second delivers them.
    await t.runJobs();
    await t.runJobs();

    const [online] = mailTo('person1@example.org');
    expect(online).toBeDefined();
    const onlineText = online.text;
    expect(onlineText).toContain('https://zoom.example/j/123456789');
    expect(onlineText).toContain('/registrations/');
    expect(attachmentOf(online.raw, 'event.ics')).toContain('zoom.example/j/123456789');
    // check-in is at the door of the room: an online place has no code to show there
    expect(online.raw).not.toContain('check-in.png');
    expect(onlineText).toContain('Your online place is confirmed.');
    expect(onlineText).toContain('Country: Belgium');
    expect(onlineText).not.toContain('when you arrive');

    const [inPerson] = mailTo('person2@example.org');
    const inPersonText = inPerson.text;
    expect(inPersonText).toContain('Rue Froissart 36');
    expect(inPersonText).toContain('Metro Schuman');
    expect(inPersonText).not.toContain('zoom.example');
    expect(inPersonText).toContain('QR code (check-in.png) when you arrive');
    expect(inPersonText).toContain('Your in-person place is confirmed.');
    // The code scans: it holds this person's signed check-in link.
    const png = PNG.sync.read(attachmentBytes(inPerson.raw, 'check-in.png')!);
    expect(png.width).toBe(240);
    const registration = await t.app.db.selectFrom('registrations').select('id').where('email_normalised', '=', 'person2@example.org').executeTakeFirstOrThrow();
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(t.app.config.baseUrl + checkInPath(t.app.config.secret, event.id, registration.id));
    const ics = attachmentOf(inPerson.raw, 'event.ics');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).not.toContain('zoom.example');

    const [waiting] = mailTo('person3@example.org');
    expect(waiting.subject).toContain('You are number 1 on the waiting list');
    expect(waiting.text).toContain('You are number 1 on the waiting list for an in-person place.');
    expect(waiting.text).not.toContain('zoom.example');
    expect(attachmentOf(waiting.raw, 'event.ics')).toBeNull();
  });

  it('reminds confirmed participants before the event, with the link or the venue', async () => {
    const { event } = await eventWithRegistration(t.app, { settings: { inPersonCapacity: 1, reminderHours: [24] } });
    await postRegistration(t.app, event.slug, person(11, { mode: 'online' }));
    await postRegistration(t.app, event.slug, person(12));
    await postRegistration(t.app, event.slug, person(13));
    await t.app.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('kind', '=', 'registration.reminders').execute();
    for (let i = 0; i < 4; i++) await t.runJobs();
    const reminders = (address: string) => mailTo(address).filter((m) => m.subject.startsWith('Reminder'));
    expect(reminders('person11@example.org')[0].text).toContain('https://zoom.example/j/123456789');
    expect(reminders('person12@example.org')[0].text).toContain('Rue Froissart 36');
    expect(reminders('person13@example.org')).toHaveLength(0);
  });

  it('queues a confirmation once when the job that rendered it was never marked done (as when the process dies there)', async () => {
    const { event } = await eventWithRegistration(t.app, { settings: { reminderHours: [] } });
    await postRegistration(t.app, event.slug, person('twice'));
    // The database refuses to mark a rendered registration mail done: the state a kill -9 leaves right after the render.
    const trigger = {
      sqlite: [
        `create trigger die_before_done before update of status on jobs when new.status = 'done' and old.kind = 'registration.mail'
         begin select raise(abort, 'the process died here'); end`,
      ],
      postgres: [
        `create function die_before_done() returns trigger language plpgsql as $$ begin raise exception 'the process died here'; end $$`,
        `create trigger die_before_done before update on jobs for each row when (new.status = 'done' and old.kind = 'registration.mail') execute function die_before_done()`,
      ],
    }[dialect];
    for (const statement of trigger) await sql.raw(statement).execute(t.app.db);
    await t.runJobs();
    await sql.raw(dialect === 'sqlite' ? 'drop trigger die_before_done' : 'drop trigger die_before_done on jobs; drop function die_before_done()').execute(t.app.db);

    // The job is retried once its back-off has passed, and the mail goes out.
    await t.app.db.updateTable('jobs').set({ run_at: new Date().toISOString() }).where('kind', '=', 'registration.mail').where('status', '=', 'pending').execute();
    for (let i = 0; i < 3; i++) await t.runJobs();
    const outbox = await t.app.db.selectFrom('mail_messages').select('subject').where('to_address', '=', 'persontwice@example.org').execute();
    expect(outbox).toHaveLength(1);
    expect(mailTo('persontwice@example.org')).toHaveLength(1);
  });
});
