import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/helpers/app.js';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { queueMail, SEND_MAIL_JOB } from '../modules/mail/service.js';
import { enqueueJob, startWorker } from './jobs.js';

const until = async (condition: () => Promise<boolean>, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describeEachDatabase('job worker under faults', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  const ran: string[] = [];
  let releaseGate: () => void = () => {};
  let gatedRuns = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, { seeded: false, env: { SMTP_URL: smtp.url, SMTP_SOCKET_TIMEOUT_SECONDS: '1' } });
    t.app.jobs.register('test.note', async ({ name }: { name: string }) => {
      ran.push(name);
    });
    // Waits for the test to let it go, then queues a mail in the transaction that completes it.
    t.app.jobs.register('test.gated-mail', async ({ to }: { to: string }, { complete, jobId }) => {
      await new Promise<void>((resolve) => {
        releaseGate = resolve;
        gatedRuns++;
      });
      await complete((trx) => queueMail(trx, { to, subject: 'Gated', text: 'x' }, { dedupeKey: `test:${jobId}` }));
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const jobsOf = (kind: string) => t.app.db.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('id').execute();

  it('keeps the other jobs running while the mail server hangs, gives the deliveries up and retries them later', async () => {
    smtp.setHanging(true);
    for (let i = 0; i < 6; i++) await queueMail(t.app.db, { to: `hang${i}@example.org`, subject: `Hung ${i}`, text: 'x' });
    const stop = startWorker(t.app.db, t.app.jobs, t.app.log, { concurrency: 4, perKind: 2, pollMs: 50 });
    try {
      await until(async () => smtp.unanswered >= 2, 10_000, 'the mail server takes two messages and hangs');
      // Deliveries hold two slots; everything else still runs at once.
      for (let i = 0; i < 20; i++) await enqueueJob(t.app.db, 'test.note', { name: `note ${i}` });
      await until(async () => ran.length === 20, 5_000, 'the other jobs run while mail hangs');
      expect((await jobsOf(SEND_MAIL_JOB)).filter((j) => j.status === 'running').length).toBeLessThanOrEqual(2);

      // Each hung delivery ends at the socket timeout and waits for its retry with back-off; none stays claimed.
      await until(async () => (await jobsOf(SEND_MAIL_JOB)).every((j) => j.status === 'pending' && j.attempts === 1), 20_000, 'every delivery tried once and handed back');
    } finally {
      await stop();
    }
    const deliveries = await jobsOf(SEND_MAIL_JOB);
    for (const job of deliveries) {
      expect(job.locked_by).toBeNull();
      expect(job.last_error).toMatch(/timeout/i);
      expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now() + 20_000);
    }
    const outbox = await t.app.db.selectFrom('mail_messages').select(['status', 'last_error']).execute();
    expect(outbox.every((m) => m.status === 'queued' && /timeout/i.test(m.last_error ?? ''))).toBe(true);

    // The server recovers; when the back-off has passed, every message goes out, once.
    smtp.setHanging(false);
    await t.app.db.updateTable('jobs').set({ run_at: new Date().toISOString() }).where('kind', '=', SEND_MAIL_JOB).execute();
    await t.runJobs();
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `Hung ${i}`));
  }, 60_000);

  it('gives up a job past its time limit, and keeps nothing the abandoned run completes later', async () => {
    await enqueueJob(t.app.db, 'test.gated-mail', { to: 'late@example.org' });
    const stop = startWorker(t.app.db, t.app.jobs, t.app.log, { timeoutMs: 300, pollMs: 50 });
    try {
      await until(async () => gatedRuns === 1, 5_000, 'the job runs');
      await until(async () => (await jobsOf('test.gated-mail'))[0].status === 'pending', 5_000, 'the job is given up');
    } finally {
      await stop();
    }
    const [job] = await jobsOf('test.gated-mail');
    expect(job).toMatchObject({ attempts: 1, locked_by: null, last_error: 'gave up after 300 ms' });
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now() + 20_000);

    // The abandoned run wakes up and tries to complete: the job is no longer its own, so its mail is not queued.
    releaseGate();
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.app.db.selectFrom('mail_messages').select('id').where('to_address', '=', 'late@example.org').execute()).toEqual([]);

    // The retry completes it, and its mail is queued with the job done, once.
    await t.app.db.updateTable('jobs').set({ run_at: new Date().toISOString() }).where('id', '=', job.id).execute();
    const retry = t.runJobs();
    await until(async () => gatedRuns === 2, 2_000, 'the retry runs');
    releaseGate();
    await retry;
    expect((await jobsOf('test.gated-mail'))[0]).toMatchObject({ status: 'done', attempts: 2 });
    expect(await t.app.db.selectFrom('mail_messages').select('dedupe_key').where('to_address', '=', 'late@example.org').execute()).toEqual([{ dedupe_key: `test:${job.id}` }]);
    expect(await queueMail(t.app.db, { to: 'late@example.org', subject: 'Again', text: 'x' }, { dedupeKey: `test:${job.id}` })).toBeNull();
  }, 30_000);

  it('hands back the jobs a dead process left claimed: at start on SQLite, when their lease lapses on PostgreSQL', async () => {
    ran.length = 0;
    const leaseEnd = new Date(Date.now() + 2_000).toISOString();
    await enqueueJob(t.app.db, 'test.note', { name: 'orphan' });
    await t.app.db.updateTable('jobs').set({ status: 'running', locked_by: 'a-dead-instance', locked_until: leaseEnd, attempts: 1 }).where('kind', '=', 'test.note').where('status', '=', 'pending').execute();
    const started = Date.now();
    let waited = 0;
    const stop = startWorker(t.app.db, t.app.jobs, t.app.log, { pollMs: 50 });
    try {
      await until(async () => ran.includes('orphan'), 10_000, 'the orphaned job runs');
      waited = Date.now() - started;
    } finally {
      await stop();
    }
    // SQLite has one process: whatever is running at start is that process's past. PostgreSQL may have live
    // instances holding jobs, so it waits for the lease (renewed every few seconds by a living owner).
    if (dialect === 'sqlite') expect(waited).toBeLessThan(1_500);
    else expect(waited).toBeGreaterThanOrEqual(1_500);
    expect((await jobsOf('test.note')).find((j) => j.payload.includes('orphan'))).toMatchObject({ status: 'done', attempts: 2, locked_by: null });
  }, 30_000);

  it('starts one job at a time while the process says it is busy, and fills every slot again once it is not', async () => {
    let running = 0;
    let most = 0;
    t.app.jobs.register('test.slow', async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 100));
      running--;
    });
    let busy = true;
    for (let i = 0; i < 6; i++) await enqueueJob(t.app.db, 'test.slow', { i });
    const stop = startWorker(t.app.db, t.app.jobs, t.app.log, { concurrency: 6, perKind: 6, pollMs: 20, busy: () => busy });
    try {
      await until(async () => (await jobsOf('test.slow')).filter((j) => j.status === 'done').length >= 2, 5_000, 'two jobs done while busy');
      expect(most).toBe(1);
      busy = false;
      for (let i = 0; i < 6; i++) await enqueueJob(t.app.db, 'test.slow', { i });
      await until(async () => (await jobsOf('test.slow')).every((j) => j.status === 'done'), 5_000, 'every job done once the rush is over');
      expect(most).toBeGreaterThan(1);
    } finally {
      await stop();
    }
  }, 30_000);
});
