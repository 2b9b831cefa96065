import type { Kysely } from 'kysely';
import { inBatches, nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { enqueueJob } from '../../lib/jobs.js';
import { fetchPage } from '../../db/paging.js';

export interface Attachment {
  filename: string;
  contentType: string;
  /** Text content (e.g. an .ics) or base64 when `encoding` is base64. */
  content: string;
  encoding?: 'base64' | 'utf8';
}

export interface OutgoingMail {
  to: string;
  subject: string;
  /** Every message has a plain-text body; HTML is optional. */
  text: string;
  html?: string;
  attachments?: Attachment[];
  /** Extra headers, e.g. List-Unsubscribe; values must not contain line breaks (checked here). */
  headers?: Record<string, string>;
}

export const SEND_MAIL_JOB = 'mail.send';
export const SEND_MAIL_BATCH_JOB = 'mail.send-batch';

/**
 * Stores the message in the outbox and schedules its delivery in the same transaction as the caller's change.
 * With a `dedupeKey` (say, the job that renders it) the message is queued once only: a second call returns null.
 * `runAt` delays delivery (a newsletter spreads its messages to stay under the SMTP provider's rate).
 */
export async function queueMail(db: Kysely<Database>, mail: OutgoingMail, options: { dedupeKey?: string; runAt?: Date } = {}): Promise<number | null> {
  const id = await insertMessage(db, mail, options.dedupeKey);
  if (id !== null) await enqueueJob(db, SEND_MAIL_JOB, { id }, { runAt: options.runAt });
  return id;
}

async function insertMessage(db: Kysely<Database>, mail: OutgoingMail, dedupeKey?: string): Promise<number | null> {
  // A line break in a header value would let whoever wrote it add headers of their own.
  if (/[\r\n]/.test(mail.subject) || Object.values(mail.headers ?? {}).some((v) => /[\r\n]/.test(v))) throw new Error('mail header values must not contain line breaks');
  const row = await db
    .insertInto('mail_messages')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      attachments: JSON.stringify(mail.attachments ?? []),
      headers: JSON.stringify(mail.headers ?? {}),
      status: 'queued',
      attempts: 0,
      dedupe_key: dedupeKey ?? null,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Queues many messages with one delivery job for all of them (a newsletter's slice of subscribers): thousands of
 * single-message jobs would each cost the worker a claim and a look at the whole table. Messages whose dedupe key
 * is taken are left out; returns how many were queued.
 */
export async function queueMailBatch(db: Kysely<Database>, mails: { mail: OutgoingMail; dedupeKey: string }[], options: { runAt?: Date } = {}): Promise<number> {
  const ids: number[] = [];
  for (const { mail, dedupeKey } of mails) {
    const id = await insertMessage(db, mail, dedupeKey);
    if (id !== null) ids.push(id);
  }
  if (ids.length) await enqueueJob(db, SEND_MAIL_BATCH_JOB, { ids }, { runAt: options.runAt });
  return ids.length;
}

/** What a message keeps once its personal content has been removed: the fact that it was sent, and its subject. */
const REDACTED_BODY = '(The content of this message was removed under the hub\'s data retention rules.)';

function redact(db: Kysely<Database>) {
  return db.updateTable('mail_messages').set({ to_address: 'removed', text_body: REDACTED_BODY, html_body: null, attachments: '[]', headers: '{}' });
}

/**
 * Removes the address, body and attachments of every message already handled for these addresses:
 * a person's registration may be anonymised or deleted, and the outbox must not keep what it said.
 * Queued messages are left to go out; redacting them would break their delivery.
 */
export async function forgetRecipients(db: Kysely<Database>, addresses: string[]): Promise<number> {
  let count = 0;
  await inBatches(addresses, 500, async (batch) => {
    const result = await redact(db).where('to_address', 'in', batch).where('status', '!=', 'queued').executeTakeFirst();
    count += Number(result.numUpdatedRows);
  });
  return count;
}

/** Delivered messages older than the retention period keep only their subject and status. */
export async function redactDeliveredMail(db: Kysely<Database>, retentionDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const result = await redact(db)
    .where('status', 'in', ['sent', 'stored'])
    .where('created_at', '<', before)
    .where('to_address', '!=', 'removed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export const MAIL_PAGE_SIZE = 50;
export const MAIL_STATUSES = ['queued', 'sent', 'stored', 'failed'] as const;

/** A page of the outbox for admins, newest first, optionally one status only. */
export async function listMailPage(db: Kysely<Database>, query: { page: number; status?: string }) {
  let base = db.selectFrom('mail_messages');
  if (query.status) base = base.where('status', '=', query.status);
  const { rows, ...pager } = await fetchPage(base, query.page, MAIL_PAGE_SIZE, (q) =>
    q.select(['id', 'to_address', 'subject', 'status', 'attempts', 'last_error', 'created_at', 'sent_at']).orderBy('id', 'desc'),
  );
  return { messages: rows, ...pager };
}

export async function findMail(db: Kysely<Database>, id: number) {
  return (await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Messages in the outbox by status, every status included (for /metrics). */
export async function countMailByStatus(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('mail_messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return { ...Object.fromEntries(MAIL_STATUSES.map((status) => [status, 0])), ...Object.fromEntries(rows.map((row) => [row.status, Number(row.n)])) };
}

/** Messages that could not be delivered after every retry (shown on the back-office overview). */
export async function countFailedMail(db: Kysely<Database>): Promise<number> {
  const { n } = await db.selectFrom('mail_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'failed').executeTakeFirstOrThrow();
  return Number(n);
}
