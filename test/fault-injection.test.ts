// The hub under a registration burst and a live vote stream while faults hit it: the process is killed and
// restarted, the mail server hangs, and (on PostgreSQL) every database connection is cut as in a restart.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csrfPair, startServer, type ChildServer } from '../bench/_child-server.js';
import { openDatabase } from '../src/db/index.js';
import { addQuestion, createSession, setQuestionState } from '../src/modules/live/service.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from './helpers/app.js';
import { eventWithRegistration } from './helpers/registration.js';
import { deliveriesByRecipient, startSmtp, type TestSmtp } from './helpers/smtp.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDatabase('fault injection under load', (dialect) => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  let server: ChildServer;
  let slug: string;
  let code: string;
  let questionId: number;

  const env = () => ({
    DATA_DIR: database.dataDir,
    SMTP_URL: smtp.url,
    SMTP_SOCKET_TIMEOUT_SECONDS: '2',
    REGISTRATION_RATE_LIMIT: '0',
    LIVE_JOIN_RATE_LIMIT: '0',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
  });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    smtp = await startSmtp();
    const db = database.handle.db;
    const { event } = await eventWithRegistration(database.handle, { format: 'in-person', settings: { reminderHours: [] } });
    slug = event.slug;
    const session = await createSession(db, { eventId: event.id, title: 'Votes under fire' });
    const question = await addQuestion(db, session.id, { type: 'choice', prompt: 'Which pillar first?', options: ['Funding', 'Skills', 'Regulation'] });
    await setQuestionState(db, question, 'open');
    code = session.code;
    questionId = question.id;
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await smtp?.close();
    await database?.drop();
  });

  it('keeps every acknowledged registration and vote, mails each confirmation once and leaves no job claimed', async () => {
    server = await startServer(env(), 'serve', 90_000);
    let csrf = await csrfPair(server.url);
    const registered = new Map<number, string>();
    const voted: number[] = [];
    let stopped = false;
    let attempts = 0;

    // Each attempt is a new person or participant; a request that fails was never acknowledged and is not retried.
    const registrations = async () => {
      while (!stopped) {
        const i = attempts++;
        try {
          const response = await fetch(`${server.url}/api/v1/events/${slug}/registrations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: csrf.cookie, 'x-csrf-token': csrf.token },
            body: JSON.stringify({ name: `Person ${i}`, email: `p${i}@example.org`, organisation: 'Org', country: 'BE', mode: 'in-person', consent: true }),
          });
          if (response.status === 201) registered.set(((await response.json()) as { id: number }).id, `p${i}@example.org`);
        } catch {
          await pause(50); // the server is down
        }
      }
    };
    const votes = async () => {
      while (!stopped) {
        try {
          const joined = await fetch(`${server.url}/api/live/${code}/participants`, { method: 'POST' });
          if (joined.status !== 201) continue;
          const { token } = (await joined.json()) as { token: string };
          const response = await fetch(`${server.url}/api/live/${code}/questions/${questionId}/answer`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-live-token': token },
            body: JSON.stringify({ choices: [voted.length % 3] }),
          });
          if (response.status === 200) voted.push(participantOf(token));
        } catch {
          await pause(50);
        }
      }
    };
    const load = Promise.all([...Array.from({ length: 6 }, registrations), ...Array.from({ length: 4 }, votes)]);

    await pause(1500);
    // (a) The process dies without warning and starts again on the same data.
    server.child.kill('SIGKILL');
    await server.exited;
    server = await startServer(env(), 'serve', 90_000);
    csrf = await csrfPair(server.url);
    await pause(1500);

    // (b) The mail server takes messages and never answers; registrations and votes must go on meanwhile.
    smtp.setHanging(true);
    const beforeHang = registered.size;
    await pause(4000);
    expect(registered.size).toBeGreaterThan(beforeHang);
    smtp.setHanging(false);

    // (c) PostgreSQL: every connection of the hub's database is cut, as a database restart does to the pool.
    if (database.databaseUrl) {
      const admin = new pg.Client({ connectionString: database.databaseUrl });
      await admin.connect();
      const { rows } = await admin.query('select pg_terminate_backend(pid) as cut from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      await admin.end();
      expect(rows.length).toBeGreaterThan(0);
      const beforeCut = registered.size;
      await pause(2000);
      expect(registered.size).toBeGreaterThan(beforeCut);
    }
    await pause(1000);
    stopped = true;
    await load;
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    const check = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    try {
      // The hung deliveries wait for their retry with back-off: let that time pass.
      await check.db.updateTable('jobs').set({ run_at: new Date().toISOString() }).where('kind', '=', 'mail.send').where('status', '=', 'pending').execute();

      const stored = await check.db.selectFrom('registrations').select(['id', 'email']).execute();
      const storedIds = new Set(stored.map((r) => r.id));
      expect([...registered.keys()].filter((id) => !storedIds.has(id))).toEqual([]);
      const answers = await check.db.selectFrom('live_answers').select('participant_id').where('question_id', '=', questionId).execute();
      const answered = new Set(answers.map((a) => a.participant_id));
      expect(voted.filter((id) => !answered.has(id))).toEqual([]);

      // Every stored registration (acknowledged or cut off after its commit) gets its confirmation.
      const addresses = stored.map((r) => r.email);
      const missing = () => addresses.filter((a) => !smtp.messages.some((m) => m.to.includes(a)));
      // The backlog drains at the worker's pace once the rush is over: wait while deliveries keep arriving
      // (a stall of 20 s fails), up to 150 s in all.
      const deadline = Date.now() + 150_000;
      let lastCount = -1;
      let lastProgress = Date.now();
      while (Date.now() < deadline && Date.now() - lastProgress < 20_000 && missing().length) {
        if (smtp.messages.length !== lastCount) [lastCount, lastProgress] = [smtp.messages.length, Date.now()];
        await pause(200);
      }
      expect(missing()).toEqual([]);
      await pause(1000);

      const { distinct, resent } = deliveriesByRecipient(smtp.messages);
      expect([...distinct].filter(([, n]) => n > 1)).toEqual([]);
      const outbox = await check.db.selectFrom('mail_messages').select('to_address').execute();
      expect(outbox.map((m) => m.to_address).sort()).toEqual([...addresses].sort());
      const claimed = await check.db.selectFrom('jobs').select(['kind', 'status', 'locked_by']).where((eb) => eb.or([eb('status', '=', 'running'), eb('locked_by', 'is not', null)])).execute();
      expect(claimed).toEqual([]);
      console.log(
        `[${dialect}] ${registered.size} registrations and ${voted.length} votes acknowledged of ${attempts} attempts; ${stored.length} stored; ` +
          `${smtp.messages.length} deliveries, ${resent} handed over again; ${smtp.unanswered} left unanswered by the hung server`,
      );
    } finally {
      await check.close();
    }
  }, 360_000);
});

/** The participant id inside a live token (`<session>.<participant>.<signature>`). */
function participantOf(token: string): number {
  return Number(token.split('.')[1]);
}
