import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { enqueueJob, type JobRegistry } from '../../lib/jobs.js';

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
}

export const SEND_MAIL_JOB = 'mail.send';

/** Stores the message in the outbox and schedules its delivery in the same transaction as the caller's change. */
export async function queueMail(db: Kysely<Database>, mail: OutgoingMail): Promise<number> {
  const { id } = await db
    .insertInto('mail_messages')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      attachments: JSON.stringify(mail.attachments ?? []),
      status: 'queued',
      attempts: 0,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(db, SEND_MAIL_JOB, { id });
  return id;
}

/** Registers the delivery job: SMTP when configured, otherwise the message stays in the local mailbox. */
export function registerMailJobs(registry: JobRegistry, options: { smtpUrl?: string; from: string }): void {
  const transport: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  registry.register(SEND_MAIL_JOB, async ({ id }: { id: number }, { db }) => {
    const message = await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
    if (!message || message.status === 'sent' || message.status === 'stored') return;
    if (!transport) {
      await db.updateTable('mail_messages').set({ status: 'stored' }).where('id', '=', id).execute();
      return;
    }
    try {
      const attachments = JSON.parse(message.attachments) as Attachment[];
      await transport.sendMail({
        from: options.from,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body ?? undefined,
        attachments: attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
          encoding: a.encoding,
        })),
      });
      await db.updateTable('mail_messages').set({ status: 'sent', sent_at: nowIso(), attempts: message.attempts + 1 }).where('id', '=', id).execute();
    } catch (error) {
      await db
        .updateTable('mail_messages')
        .set({ attempts: message.attempts + 1, last_error: error instanceof Error ? error.message : String(error) })
        .where('id', '=', id)
        .execute();
      throw error;
    }
  });
}

/** Newest messages first, for the admin mailbox. */
export async function listMail(db: Kysely<Database>, limit = 50, offset = 0) {
  return db.selectFrom('mail_messages').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export const MAIL_PAGE_SIZE = 50;
export const MAIL_STATUSES = ['queued', 'sent', 'stored', 'failed'] as const;

/** A page of the outbox for admins, newest first, optionally one status only. */
export async function listMailPage(db: Kysely<Database>, query: { page: number; status?: string }) {
  let base = db.selectFrom('mail_messages');
  if (query.status) base = base.where('status', '=', query.status);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const messages = await base
    .select(['id', 'to_address', 'subject', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'])
    .orderBy('id', 'desc')
    .limit(MAIL_PAGE_SIZE)
    .offset((query.page - 1) * MAIL_PAGE_SIZE)
    .execute();
  return { messages, total: Number(n), page: query.page, pageCount: Math.ceil(Number(n) / MAIL_PAGE_SIZE) };
}

export async function findMail(db: Kysely<Database>, id: number) {
  return (await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Messages that could not be delivered after every retry (shown on the back-office overview). */
export async function countFailedMail(db: Kysely<Database>): Promise<number> {
  const { n } = await db.selectFrom('mail_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'failed').executeTakeFirstOrThrow();
  return Number(n);
}
