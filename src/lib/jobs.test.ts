import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/helpers/app.js';
import { createSession, createUser, issueToken } from '../modules/accounts/service.js';
import { queueMail } from '../modules/mail/service.js';
import { deleteFinishedJobs, scheduleDailyJobs } from './jobs.js';

describeEachDatabase('daily housekeeping jobs', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false, env: { MAIL_RETENTION_DAYS: '30' } });
  });
  afterAll(async () => t?.close());

  const pendingDaily = () =>
    t.app.db.selectFrom('jobs').select(['kind', 'run_at']).where('status', '=', 'pending').where('kind', 'in', t.app.jobs.daily).execute();

  it('keeps exactly one pending run per daily job, however often instances start', async () => {
    expect(t.app.jobs.daily).toEqual(expect.arrayContaining(['accounts.cleanup', 'mail.retention', 'jobs.cleanup']));
    await scheduleDailyJobs(t.app.db, t.app.jobs);
    await scheduleDailyJobs(t.app.db, t.app.jobs);
    expect((await pendingDaily()).map((j) => j.kind).sort()).toEqual([...t.app.jobs.daily].sort());
  });

  it('deletes expired sessions and old sign-in links, redacts old delivered mail, and schedules the next day', async () => {
    const userId = await createUser(t.app.db, { email: 'old@example.org', name: 'Old', role: 'member' });
    await createSession(t.app.db, userId);
    await t.app.db.updateTable('sessions').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('user_id', '=', userId).execute();
    const live = await createSession(t.app.db, userId);
    await issueToken(t.app.db, userId, 'magic', -30 * 86_400_000);
    await issueToken(t.app.db, userId, 'magic');
    const oldMail = await queueMail(t.app.db, { to: 'someone@example.org', subject: 'Your place', text: 'Dear Someone, here is your link.' });
    const newMail = await queueMail(t.app.db, { to: 'someone@example.org', subject: 'Reminder', text: 'Tomorrow.' });
    await t.runJobs(); // delivers both (stored: no SMTP here) and runs today's housekeeping
    await t.app.db.updateTable('mail_messages').set({ created_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', oldMail).execute();
    // Tomorrow's run, brought forward: it is the pending run (before 03:00 UTC that one is today's), so take it out
    // as the worker would when claiming it.
    await t.app.db.deleteFrom('jobs').where('status', '=', 'pending').where('kind', 'in', t.app.jobs.daily).execute();
    const context = { jobId: 0, db: t.app.db, log: t.app.log, signal: new AbortController().signal, complete: <T>(work: (trx: typeof t.app.db) => Promise<T>) => t.app.db.transaction().execute(work) };
    for (const kind of t.app.jobs.daily) await t.app.jobs.get(kind)!({}, context);

    const sessions = await t.app.db.selectFrom('sessions').select('expires_at').where('user_id', '=', userId).execute();
    expect(sessions).toEqual([{ expires_at: live.expiresAt.toISOString() }]);
    expect(await t.app.db.selectFrom('auth_tokens').select('id').where('user_id', '=', userId).execute()).toHaveLength(1);
    const mail = await t.app.db.selectFrom('mail_messages').select(['id', 'to_address', 'subject', 'text_body']).orderBy('id').execute();
    const [redacted, kept] = [mail.find((m) => m.id === oldMail)!, mail.find((m) => m.id === newMail)!];
    expect(redacted).toMatchObject({ to_address: 'removed', subject: 'Your place' });
    expect(redacted.text_body).not.toContain('Dear Someone');
    expect(kept).toMatchObject({ to_address: 'someone@example.org', text_body: 'Tomorrow.' });
    // Each run queued the next day's, at the daily hour.
    const next = await pendingDaily();
    expect(next).toHaveLength(t.app.jobs.daily.length);
    expect(next.every((j) => new Date(j.run_at).getTime() > Date.now() && j.run_at.endsWith('T03:00:00.000Z'))).toBe(true);
  });

  it('deletes finished jobs after a month, and keeps failed ones and those whose dedupe key must stay taken', async () => {
    const finishedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await t.app.db
      .insertInto('jobs')
      .values([
        { kind: 'x', payload: '{}', run_at: finishedAt, status: 'done', attempts: 1, created_at: finishedAt, finished_at: finishedAt },
        { kind: 'x', payload: '{}', run_at: finishedAt, status: 'failed', attempts: 8, created_at: finishedAt, finished_at: finishedAt },
        { kind: 'x', payload: '{}', run_at: finishedAt, status: 'done', attempts: 1, created_at: finishedAt, finished_at: finishedAt, dedupe_key: 'x:invite:1' },
      ])
      .execute();
    expect(await deleteFinishedJobs(t.app.db)).toBeGreaterThanOrEqual(1);
    const left = await t.app.db.selectFrom('jobs').select(['status', 'dedupe_key']).where('kind', '=', 'x').orderBy('id').execute();
    expect(left).toEqual([
      { status: 'failed', dedupe_key: null },
      { status: 'done', dedupe_key: 'x:invite:1' },
    ]);
  });
});
