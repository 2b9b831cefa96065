import type { FastifyInstance } from 'fastify';
import type { JobRegistry } from '../../lib/jobs.js';
import { findEventById } from '../events/service.js';
import { queueMail } from '../mail/service.js';
import { buildRegistrationMail } from './messages.js';
import { confirmedIds, expireOffer, getSettings, interestedIds, JOBS, type MailKind, phaseOf, purgeExpired, queueRegistrationMail } from './service.js';

/** Confirmations and other mail, waiting-list offers that run out, reminders, invitations, and the retention purge. */
export function registerRegistrationJobs(jobs: JobRegistry, app: FastifyInstance): void {
  const secret = app.config.secret;
  // Rendered outside the transaction (it reads and draws a QR code); queued in the one that marks the job done,
  // and keyed by the job, so a crash between the two can never leave a retry to queue the mail a second time.
  jobs.register(JOBS.mail, async ({ id, kind }: { id: number; kind: MailKind }, { db, jobId, complete }) => {
    const mail = await buildRegistrationMail(db, { baseUrl: app.config.baseUrl, secret }, id, kind);
    if (mail) await complete((trx) => queueMail(trx, mail, { dedupeKey: `registration:${id}:${kind}:job:${jobId}` }));
  });
  jobs.register(JOBS.offerExpiry, async ({ id }: { id: number }, { db }) => {
    await expireOffer(db, id);
  });
  // Settings may change after these jobs were scheduled: each checks that it still applies when it runs.
  jobs.register(JOBS.reminders, async ({ eventId, hours, startsAt }: { eventId: number; hours: number; startsAt: string }, { db }) => {
    const event = await findEventById(db, eventId);
    const settings = await getSettings(db, eventId);
    if (!event || event.startsAt !== startsAt || !settings?.reminderHours.includes(hours)) return;
    for (const id of await confirmedIds(db, eventId)) await queueRegistrationMail(db, id, 'reminder', `registration.reminder:${id}:${hours}`);
  });
  jobs.register(JOBS.invite, async ({ eventId }: { eventId: number }, { db }) => {
    const event = await findEventById(db, eventId);
    if (!event || phaseOf(event, await getSettings(db, eventId)) !== 'open') return;
    for (const id of await interestedIds(db, eventId)) await queueRegistrationMail(db, id, 'invite', `registration.invite:${id}`);
  });
  jobs.register(JOBS.purge, async (_payload, { db, log }) => {
    const count = await purgeExpired(db);
    log.info({ count }, 'registrations anonymised after their retention period');
  });
}
