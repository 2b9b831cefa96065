import type { FastifyInstance } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import { nowIso } from '../../db/dialect.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { type JobRegistry, MAX_ATTEMPTS, workerOptions } from '../../lib/jobs.js';
import { type Attachment, redactDeliveredMail, SEND_MAIL_BATCH_JOB, SEND_MAIL_JOB } from './service.js';

/**
 * The same Message-ID every time one outbox message is handed over: when a process dies between the
 * server's acknowledgement and recording it, the retry is recognisably the same message, not a second one.
 */
function messageIdOf(message: { id: number; created_at: string }, from: string): string {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<outbox.${message.id}.${Date.parse(message.created_at).toString(36)}@${domain}>`;
}

/** Registers the delivery job: SMTP when configured, otherwise the message stays in the local mailbox. */
export function registerMailJobs(registry: JobRegistry, app: FastifyInstance): void {
  const { smtpUrl, smtpTimeouts, mailFrom: from, mailRetentionDays: retentionDays } = app.config;
  // nodemailer waits 2 minutes to connect and 10 minutes on a silent server by default: one hung server would hold every
  // delivery that long. SMTP_*_TIMEOUT_SECONDS bound the connection, the server's greeting, and any later silence.
  const transport: Transporter | null = smtpUrl
    ? nodemailer.createTransport({
        url: smtpUrl,
        // Connections are kept and reused, one per delivery job that may run at once: a newsletter's thousands of
        // messages would otherwise each pay a new connection and greeting.
        pool: true,
        maxConnections: workerOptions(app.config).perKind ?? 4,
        connectionTimeout: smtpTimeouts.connectionSeconds * 1000,
        greetingTimeout: smtpTimeouts.greetingSeconds * 1000,
        socketTimeout: smtpTimeouts.socketSeconds * 1000,
      })
    : null;
  app.addHook('onClose', async () => transport?.close());
  registry.registerDaily('mail.retention', async (_payload, { db, log }) => {
    const count = await redactDeliveredMail(db, retentionDays);
    log.info({ count }, 'delivered mail past its retention period redacted');
  });
  /** Hands one outbox message to SMTP (or keeps it, without SMTP) and records the outcome; throws when it failed. */
  const deliver = async (db: Kysely<Database>, id: number): Promise<void> => {
    const message = await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
    if (!message || message.status !== 'queued') return;
    if (!transport) {
      await db.updateTable('mail_messages').set({ status: 'stored' }).where('id', '=', id).execute();
      return;
    }
    try {
      const attachments = JSON.parse(message.attachments) as Attachment[];
      await transport.sendMail({
        messageId: messageIdOf(message, from),
        from: from,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body ?? undefined,
        headers: JSON.parse(message.headers) as Record<string, string>,
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
        // The last attempt's failure marks the message failed, so /admin/mail shows who never got it.
        .set({ attempts: message.attempts + 1, last_error: error instanceof Error ? error.message : String(error), ...(message.attempts + 1 >= MAX_ATTEMPTS ? { status: 'failed' } : {}) })
        .where('id', '=', id)
        .execute();
      throw error;
    }
  };
  registry.register(SEND_MAIL_JOB, async ({ id }: { id: number }, { db }) => deliver(db, id));
  /*
   * A batch goes out over the pooled connections at once; each message is recorded as sent as soon as the server
   * takes it, so a retry (after a failure or a crash) hands over only the ones not yet taken.
   */
  registry.register(SEND_MAIL_BATCH_JOB, async ({ ids }: { ids: number[] }, { db }) => {
    const results = await Promise.allSettled(ids.map((id) => deliver(db, id)));
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length) throw new Error(`${failed.length} of ${ids.length} messages not delivered: ${String((failed[0] as PromiseRejectedResult).reason)}`);
  });
}
