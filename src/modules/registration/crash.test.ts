import { afterAll, beforeAll, expect, it } from 'vitest';
import { csrfPair, startServer, type ChildServer } from '../../../bench/_child-server.js';
import { openDatabase } from '../../db/index.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test/helpers/app.js';
import { createEvent, findEventById } from '../events/service.js';
import { eventWithRegistration } from '../../../test/helpers/registration.js';
import { deliveriesByRecipient, startSmtp, type TestSmtp } from '../../../test/helpers/smtp.js';
import { DEFAULT_QUESTIONS, saveSettings } from './service.js';

describeEachDatabase('registration survives SIGKILL in the middle of a burst', (dialect) => {
  let database: TestDatabase;
  let server: ChildServer | undefined;
  let eventId: number;
  const env = () => ({ DATA_DIR: database.dataDir, RUN_WORKER: 'false', REGISTRATION_RATE_LIMIT: '0', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const db = database.handle.db;
    const start = Date.now() + 7 * 86_400_000;
    eventId = await createEvent(db, { title: 'Crash test workshop', slug: 'crash-test', type: 'workshop', format: 'in-person', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() });
    await saveSettings(db, (await findEventById(db, eventId))!, {
      opensAt: null,
      closesAt: null,
      preRegistration: false,
      inPersonCapacity: 60,
      onlineCapacity: null,
      approvalRequired: false,
      questions: DEFAULT_QUESTIONS,
      privacyNotice: 'n',
      consentText: 'c',
      retentionDays: 30,
      offerHours: 48,
      reminderHours: [],
    });
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await database?.drop();
  });

  it('keeps every acknowledged registration and never a half-written one', async () => {
    server = await startServer(env(), 'serve', 90_000);
    const { cookie, token } = await csrfPair(server.url);
    const acknowledged: number[] = [];
    let next = 0;
    let killed = false;
    const post = async () => {
      while (next < 1000 && !killed) {
        const i = next++;
        try {
          const response = await fetch(`${server!.url}/api/v1/events/crash-test/registrations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token },
            body: JSON.stringify({ name: `Crash ${i}`, email: `crash${i}@example.org`, organisation: 'Org', country: 'BE', mode: 'in-person', consent: true }),
          });
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: number }).id);
        } catch {
          // the server died under this request: it was never acknowledged
        }
        if (acknowledged.length >= 150 && !killed) {
          killed = true;
          server!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 40 }, post));
    await server.exited;
    expect(killed).toBe(true);

    // The server starts again on the same data, and the data is whole.
    server = await startServer(env(), 'serve', 90_000);
    const check = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    try {
      const rows = await check.db.selectFrom('registrations').select(['id', 'status', 'holds_seat']).where('event_id', '=', eventId).execute();
      const ids = new Set(rows.map((r) => r.id));
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      const pool = await check.db.selectFrom('registration_pools').select('taken').where('event_id', '=', eventId).executeTakeFirstOrThrow();
      const confirmed = rows.filter((r) => r.status === 'confirmed');
      expect(Number(pool.taken)).toBe(confirmed.length);
      expect(confirmed.length).toBeLessThanOrEqual(60);
      expect(rows.filter((r) => r.holds_seat === 1)).toHaveLength(confirmed.length);
      // Every stored registration has its confirmation job: the row and its job commit together.
      const jobs = await check.db.selectFrom('jobs').select('payload').where('kind', '=', 'registration.mail').execute();
      const mailed = new Set(jobs.map((j) => (JSON.parse(j.payload) as { id: number }).id));
      expect(rows.filter((r) => !mailed.has(r.id))).toEqual([]);
    } finally {
      await check.close();
    }
    const again = await csrfPair(server.url);
    const after = await fetch(`${server.url}/api/v1/events/crash-test/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: again.cookie, 'x-csrf-token': again.token },
      body: JSON.stringify({ name: 'After', email: 'after@example.org', organisation: 'Org', country: 'BE', mode: 'in-person', consent: true }),
    });
    expect(after.status).toBe(201);
  }, 120_000);
});

describeEachDatabase('each confirmation is queued and delivered once, however often the worker is killed', (dialect) => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  let server: ChildServer | undefined;
  let slug: string;
  const people = 200;
  const env = () => ({ DATA_DIR: database.dataDir, SMTP_URL: smtp.url, REGISTRATION_RATE_LIMIT: '0', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    smtp = await startSmtp();
    ({
      event: { slug },
    } = await eventWithRegistration(database.handle, { format: 'in-person', settings: { reminderHours: [] } }));
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await smtp?.close();
    await database?.drop();
  });

  it('kills the worker while it renders and sends, and still mails every person one confirmation, without waiting for old claims', async () => {
    server = await startServer(env(), 'serve', 90_000);
    const { cookie, token } = await csrfPair(server.url);
    let next = 0;
    const post = async () => {
      while (next < people) {
        const i = next++;
        const response = await fetch(`${server!.url}/api/v1/events/${slug}/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token },
          body: JSON.stringify({ name: `Mail ${i}`, email: `mail${i}@example.org`, organisation: 'Org', country: 'BE', mode: 'in-person', consent: true }),
        });
        expect(response.status).toBe(201);
      }
    };
    await Promise.all(Array.from({ length: 20 }, post));

    // The worker is now rendering confirmations into the outbox and delivering them: kill it again and again.
    const kills = 6;
    for (let k = 0; k < kills; k++) {
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 600));
      server.child.kill('SIGKILL');
      await server.exited;
      server = await startServer(env(), 'serve', 90_000);
    }

    // Every confirmation arrives well before a claim taken at the last kill would have lapsed on its own before (120 s).
    const addresses = Array.from({ length: people }, (_, i) => `mail${i}@example.org`);
    const missing = () => addresses.filter((a) => !smtp.messages.some((m) => m.to.includes(a)));
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline && missing().length) await new Promise((r) => setTimeout(r, 200));
    expect(missing()).toEqual([]);
    await new Promise((r) => setTimeout(r, 1500)); // room for a late second copy to show up

    const check = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    try {
      const outbox = await check.db.selectFrom('mail_messages').select(['to_address', 'status']).execute();
      expect(outbox.filter((m) => m.status !== 'sent')).toEqual([]);
      expect(outbox.map((m) => m.to_address).sort()).toEqual([...addresses].sort());
      const unfinished = await check.db.selectFrom('jobs').select(['kind', 'status']).where('status', 'in', ['running', 'pending']).where('kind', 'in', ['registration.mail', 'mail.send']).execute();
      expect(unfinished).toEqual([]);
    } finally {
      await check.close();
    }
    // At the SMTP server one message per person. Only a message in the hand-over at the moment of a kill can
    // go out again (under the same Message-ID): at most one per delivery slot (4) and kill.
    const { distinct, resent } = deliveriesByRecipient(smtp.messages);
    expect([...distinct].filter(([, n]) => n > 1)).toEqual([]);
    console.log(`[${dialect}] ${kills} kills: ${smtp.messages.length} deliveries for ${people} people, ${resent} handed over again after a kill`);
    expect(resent).toBeLessThanOrEqual(kills * 4);
  }, 300_000);
});
