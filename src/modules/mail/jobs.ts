import type { FastifyInstance } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import { nowIso } from '../../db/dialect.js';
import type { JobRegistry } from '../../lib/jobs.js';
import { type Attachment, redactDeliveredMail, SEND_MAIL_JOB } from './service.js';

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
        connectionTimeout: smtpTimeouts.connectionSeconds * 1000,
        greetingTimeout: smtpTimeouts.greetingSeconds * 1000,
        socketTimeout: smtpTimeouts.socketSeconds * 1000,
      })
    : null;
  registry.registerDaily('mail.retention', async (_payload, { db, log }) => {
    const count = await redactDeliveredMail(db, retentionDays);
    log.info({ count }, 'delivered mail past its retention period redacted');
  });
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
        messageId: messageIdOf(message, from),
        from: from,
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
