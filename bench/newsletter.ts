// `npm run bench -- newsletter [--db postgres] [--subscribers N]`
// 10,000 confirmed subscribers with mixed choices; one weekly digest composed and sent by the real server (a child
// process) to a local SMTP server that accepts everything. Once about half have arrived the server is killed with
// SIGKILL and started again; it must finish the send with every subscriber served exactly once. Reference in the
// same run: a bare nodemailer pooled transport sending as many messages of the same size to the same server.
// The last line is one JSON object.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase } from '../test/helpers/database.js';
import { nowIso } from '../src/db/dialect.js';
import { createProject } from '../src/modules/directory/service.js';
import { createNews } from '../src/modules/news/service.js';
import { draftIssue, scheduleIssue } from '../src/modules/newsletter/service.js';
import { type ChildServer, startServer } from './_child-server.js';
import { progress, round } from './_util.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    subscribers: { type: 'string', default: '10000' },
  },
});
const total = Number(args.subscribers);

if (args.db === 'postgres') {
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}
const database = await createTestDatabase(args.db === 'postgres' ? 'postgres' : 'sqlite');
const { dataDir, databaseUrl } = database;
const db = database.handle.db;

// ------------------------------------------------------------ a receiving server that counts

/** Copies per recipient and Message-ID: one recipient with two ids is a duplicate; one id twice is a resend. */
const copies = new Map<string, number>();
const recipients = new Set<string>();
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 8192) head += chunk.toString('utf8');
    });
    stream.on('end', () => {
      const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? String(Math.random());
      for (const rcpt of session.envelope.rcptTo) {
        const to = rcpt.address.toLowerCase();
        const key = `${to} ${id}`;
        copies.set(key, (copies.get(key) ?? 0) + 1);
        recipients.add(to);
      }
      received++;
      callback();
    });
  },
});
smtp.on('error', () => {});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

// ------------------------------------------------------------ subscribers and content

progress(`seeding ${total} subscribers (${args.db})`);
const projectA = await createProject(db, { acronym: 'BRINE', title: 'Lithium from brines', isMember: true });
const projectB = await createProject(db, { acronym: 'NODULE', title: 'Metals from deep-sea nodules', isMember: true });
await createNews(db, { title: 'Brine pilot plant starts', summary: 'The first tonne of lithium carbonate from geothermal brine.', bodyMd: 'x', projectId: projectA });
await createNews(db, { title: 'Nodule processing results', summary: 'Recovery rates for nickel, cobalt and manganese.', bodyMd: 'x', projectId: projectB });
await createNews(db, { title: 'Annual meeting: call for speakers', summary: 'Propose a talk for the hub’s annual meeting.', bodyMd: 'x' });
// Mixed choices, every one of them matching something in the issue: all news; project A; project B; both projects.
const CHOICES = [
  { all_news: 1, project_ids: '[]' },
  { all_news: 0, project_ids: `[${projectA}]` },
  { all_news: 0, project_ids: `[${projectB}]` },
  { all_news: 0, project_ids: `[${projectA},${projectB}]` },
];
const stamp = nowIso();
for (let start = 0; start < total; start += 500) {
  const rows = [];
  for (let i = start; i < Math.min(total, start + 500); i++) {
    rows.push({
      email: `subscriber${i}@bench.example`,
      status: 'confirmed',
      ...CHOICES[i % CHOICES.length],
      all_events: i % 3 === 0 ? 1 : 0,
      topic_slugs: '[]',
      frequency: 'weekly',
      consent_text: 'benchmark',
      requested_at: stamp,
      confirmed_at: stamp,
      created_at: stamp,
      updated_at: stamp,
    });
  }
  await db.insertInto('newsletter_subscribers').values(rows).execute();
}
const issueId = await draftIssue(db, 'weekly');
await scheduleIssue(db, issueId, new Date());

// ------------------------------------------------------------ send, kill at half, restart

const env = {
  DATA_DIR: dataDir,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  SECRET: randomBytes(24).toString('hex'),
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  NEWSLETTER_RATE_PER_MINUTE: '0',
  NODE_ENV: 'production',
};

/** Peak resident memory of a process so far (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

const issueStatus = async () => (await db.selectFrom('newsletter_issues').select('status').where('id', '=', issueId).executeTakeFirstOrThrow()).status;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let composeSeconds: number | null = null;
let sendingSeconds = 0;
let rssMb = 0;
const composeStarted = performance.now();

/** Runs the server until `done()` holds (or it stalls), watching for the end of composition; returns when it stopped. */
async function runUntil(server: ChildServer, done: () => boolean, kill: boolean): Promise<void> {
  const began = performance.now();
  let lastCount = -1;
  let stalledSince = performance.now();
  while (!done()) {
    if (composeSeconds === null && (await issueStatus()) === 'sent') composeSeconds = (performance.now() - composeStarted) / 1000;
    rssMb = Math.max(rssMb, peakRssMb(server.child.pid!));
    if (received !== lastCount) {
      lastCount = received;
      stalledSince = performance.now();
    } else if (performance.now() - stalledSince > 60_000) {
      progress('no message for 60 s: giving up');
      break;
    }
    await sleep(20);
  }
  sendingSeconds += (performance.now() - began) / 1000;
  rssMb = Math.max(rssMb, peakRssMb(server.child.pid!));
  if (process.env.BENCH_DEBUG) progress(server.stderr().slice(-3000) + JSON.stringify(await db.selectFrom('jobs').select(['kind', 'status', 'run_at', 'attempts', 'last_error']).limit(5).execute()));
  server.child.kill(kill ? 'SIGKILL' : 'SIGTERM');
  await server.exited;
}

progress('first run: until about half have arrived');
await runUntil(await startServer(env), () => recipients.size >= total / 2, true);
progress(`killed with SIGKILL after ${recipients.size} recipients`);
const second = await startServer(env);
await runUntil(second, () => recipients.size >= total && copies.size >= recipients.size, false);
// Anything still on its way after the last recipient (a resend, a duplicate) would show here.
if (composeSeconds === null && (await issueStatus()) === 'sent') composeSeconds = (performance.now() - composeStarted) / 1000;

const perRecipient = new Map<string, number>();
let resent = 0;
for (const [key, n] of copies) {
  const to = key.split(' ')[0];
  perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
  if (n > 1) resent += n - 1;
}
const delivered = perRecipient.size;
const duplicates = [...perRecipient.values()].reduce((sum, n) => sum + (n - 1), 0);
const lost = total - delivered;
const msgsPerSecond = delivered / sendingSeconds;

// ------------------------------------------------------------ reference: bare nodemailer, pooled

const sample = await db.selectFrom('mail_messages').select(['subject', 'text_body', 'html_body', 'headers']).where('dedupe_key', 'like', `newsletter:issue:${issueId}:%`).executeTakeFirstOrThrow();
const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 5 });
const bareBegan = performance.now();
const bareSends: Promise<unknown>[] = [];
for (let i = 0; i < total; i++) {
  bareSends.push(
    transport.sendMail({
      from: 'Cluster Hub <hub@localhost>',
      to: `bare${i}@bench.example`,
      subject: sample.subject,
      text: sample.text_body,
      html: sample.html_body ?? undefined,
      headers: JSON.parse(sample.headers) as Record<string, string>,
    }),
  );
}
await Promise.all(bareSends);
const bareMsgsPerSecond = total / ((performance.now() - bareBegan) / 1000);
transport.close();

const outbox = await db.selectFrom('mail_messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
await new Promise<void>((resolve) => smtp.close(() => resolve()));
await database.drop();

console.log(
  `database: ${args.db}; outbox: ${JSON.stringify(Object.fromEntries(outbox.map((r) => [r.status, Number(r.n)])))}; ` +
    `same message handed over twice (same Message-ID, crash between the server's answer and recording it): ${resent}; sending time ${round(sendingSeconds)} s over both runs`,
);
console.log(
  JSON.stringify({
    bench: 'newsletter',
    subscribers: total,
    delivered,
    duplicates,
    lost,
    msgs_per_s: Math.round(msgsPerSecond),
    bare_msgs_per_s: Math.round(bareMsgsPerSecond),
    compose_s: composeSeconds === null ? null : round(composeSeconds, 2),
    rss_mb: Math.round(rssMb),
  }),
);
