import { afterAll, beforeAll, expect, it } from 'vitest';
import { csrfPair, startServer, type ChildServer } from '../../../bench/_child-server.js';
import { openDatabase } from '../../db/index.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test/helpers/app.js';
import { createEvent, findEventById } from '../events/service.js';
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
    server = await startServer(env());
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
    server = await startServer(env());
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
