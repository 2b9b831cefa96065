import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { enqueueJob, type JobRegistry } from '../../lib/jobs.js';
import { listEvents } from '../events/service.js';
import { queueMail, queueMailBatch } from '../mail/service.js';
import { newsPublishedBetween } from '../news/service.js';
import { registrationSummary } from '../registration/service.js';
import { digestMail, eventAlertMail, newsAlertMail } from './messages.js';
import {
  alertRecipients,
  beginSending,
  claimAlert,
  eventItem,
  findIssue,
  finishSending,
  follows,
  itemsFor,
  knownAlertKeys,
  type LinkContext,
  newsItem,
  recipientsBatch,
  recordAlertRecipients,
  SEND_ISSUE_JOB,
  sendTime,
  type Subscriber,
  topicProjects,
} from './service.js';

export const ALERTS_JOB = 'newsletter.alerts';

/** Subscribers composed and queued per transaction: large enough to be quick, small enough to keep commits short. */
export const SEND_BATCH = 500;
/**
 * Messages handed over by one delivery job: at most a second's worth at the configured rate (so the rate holds
 * to the second), and no more than 50 (so one job's retry stays small).
 */
export function deliveryBatchSize(ratePerMinute: number): number {
  return ratePerMinute > 0 ? Math.max(1, Math.min(50, Math.floor(ratePerMinute / 60))) : 50;
}

/** How often the hub looks for news to announce and events that opened registration. */
export const ALERT_INTERVAL_MS = 5 * 60_000;
/** News older than this when first seen is not announced "as it happens" any more. */
const NEWS_ALERT_WINDOW_MS = 86_400_000;

export interface NewsletterJobOptions extends LinkContext {
  /** Messages per minute the SMTP provider allows; 0 sends as fast as the outbox goes. */
  ratePerMinute: number;
}

interface SendPayload {
  issueId: number;
  /** Cursor: the last subscriber id already handled. */
  after: number;
  /** Messages queued so far: the position of the next one in the throttled schedule. */
  index: number;
  scheduledAt: string;
}

export const archivePath = (issueId: number) => `/newsletter/issues/${issueId}`;

/**
 * Queues the next tick of the alerts job; the key names its slot, so several instances (or a restart) never
 * queue two for the same slot.
 */
export async function scheduleAlertTick(db: Kysely<Database>, now = new Date()): Promise<void> {
  const slot = Math.ceil(now.getTime() / ALERT_INTERVAL_MS) * ALERT_INTERVAL_MS;
  await enqueueJob(db, ALERTS_JOB, {}, { runAt: new Date(slot), dedupeKey: `${ALERTS_JOB}:${new Date(slot).toISOString()}` });
}

/** The manifest's entry: the send and alert jobs with the links and rate of this hub. */
export function registerNewsletterJobs(registry: JobRegistry, app: FastifyInstance): void {
  registerJobs(registry, { baseUrl: app.config.baseUrl, secret: app.config.secret, ratePerMinute: app.config.newsletterRatePerMinute });
}

function registerJobs(registry: JobRegistry, options: NewsletterJobOptions): void {
  /*
   * Sending an issue: each run composes one batch of subscribers and queues their messages in the outbox, in the
   * same transaction that marks the run done and queues the next batch. A crash loses at most an uncommitted
   * batch, which the retry composes again; each message's dedupe key (issue, subscriber) keeps it to one copy, and
   * the outbox's own job delivers each message once.
   */
  registry.register(SEND_ISSUE_JOB, async (payload: SendPayload, { db, complete }) => {
    const issue = await findIssue(db, payload.issueId);
    if (!issue) return;
    // A schedule the admin moved or withdrew leaves its job behind: that job has nothing to do.
    if (issue.status === 'draft' || issue.status === 'sent') return;
    if (issue.status === 'scheduled' && issue.scheduledAt !== payload.scheduledAt) return;
    // Read before the transaction: the synergies service may (re)compute its topics, in a transaction of its own.
    const topics = await topicProjects(db);
    await complete(async (trx) => {
      const startedAt = await beginSending(trx, issue.id);
      const batch = await recipientsBatch(trx, issue.cadence, payload.after, SEND_BATCH);
      const archiveUrl = options.baseUrl + archivePath(issue.id);
      const mails = batch.flatMap((subscriber) => {
        const items = itemsFor(subscriber, issue.items, topics);
        // Nothing they follow happened: no empty mail.
        if (!items.length) return [];
        return [{ mail: digestMail(options, { subject: issue.subject, intro: issue.intro, items }, subscriber, archiveUrl), dedupeKey: `newsletter:issue:${issue.id}:${subscriber.id}` }];
      });
      let index = payload.index;
      const size = deliveryBatchSize(options.ratePerMinute);
      for (let start = 0; start < mails.length; start += size) {
        index += await queueMailBatch(trx, mails.slice(start, start + size), { runAt: sendTime(startedAt, index, options.ratePerMinute) });
      }
      if (batch.length === SEND_BATCH) {
        const next: SendPayload = { ...payload, after: batch[batch.length - 1].id, index };
        await enqueueJob(trx, SEND_ISSUE_JOB, next, { dedupeKey: `newsletter.send:${issue.id}:${payload.scheduledAt}:${next.after}` });
      } else {
        await finishSending(trx, issue.id, index);
      }
    });
  });

  registry.register(ALERTS_JOB, async (_payload, { db }) => {
    await sendEventAlerts(db, options);
    await sendNewsAlerts(db, options);
    await scheduleAlertTick(db, new Date(Date.now() + 1000));
  });
}

/**
 * Fans one alert out in one transaction with its claim: either every follower's message is in the outbox and the
 * alert is marked sent, or neither. Messages are spaced at the configured rate from now.
 */
async function fanOut(
  db: Kysely<Database>,
  options: NewsletterJobOptions,
  key: string,
  recipients: (trx: Kysely<Database>) => Promise<Subscriber[]>,
  compose: (subscriber: Subscriber) => ReturnType<typeof newsAlertMail>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await claimAlert(trx, key))) return;
    const start = new Date().toISOString();
    let index = 0;
    for (const subscriber of await recipients(trx)) {
      const queued = await queueMail(trx, compose(subscriber), { dedupeKey: `newsletter:alert:${key}:${subscriber.id}`, runAt: sendTime(start, index, options.ratePerMinute) });
      if (queued !== null) index++;
    }
    await recordAlertRecipients(trx, key, index);
  });
}

/** Events whose registration is open and not yet announced: to everyone who follows all events, or their projects or topics. */
async function sendEventAlerts(db: Kysely<Database>, options: NewsletterJobOptions): Promise<void> {
  const { events } = await listEvents(db, { when: 'upcoming', page: 1 }, 100);
  const known = await knownAlertKeys(db, events.map((e) => `event-open:${e.id}`));
  const topics = await topicProjects(db);
  for (const event of events) {
    const key = `event-open:${event.id}`;
    if (known.has(key)) continue;
    const summary = await registrationSummary(db, event.id, event.endsAt);
    if (summary?.phase !== 'open') continue;
    const item = await eventItem(db, event, 'Registration open');
    await fanOut(
      db,
      options,
      key,
      async (trx) => (await alertRecipients(trx, { instantOnly: false })).filter((s) => follows(s, item, topics)),
      (subscriber) => eventAlertMail(options, item, subscriber, summary.closesAt),
    );
  }
}

/** News published lately and not yet announced: to "as it happens" subscribers who follow it and had confirmed by then. */
async function sendNewsAlerts(db: Kysely<Database>, options: NewsletterJobOptions): Promise<void> {
  const now = new Date();
  const posts = await newsPublishedBetween(db, new Date(now.getTime() - NEWS_ALERT_WINDOW_MS).toISOString(), now.toISOString(), 100);
  const known = await knownAlertKeys(db, posts.map((p) => `news:${p.id}`));
  const topics = await topicProjects(db);
  for (const post of posts) {
    const key = `news:${post.id}`;
    if (known.has(key)) continue;
    const item = newsItem(post);
    await fanOut(
      db,
      options,
      key,
      async (trx) => (await alertRecipients(trx, { instantOnly: true })).filter((s) => s.confirmedAt! <= post.publishedAt! && follows(s, item, topics)),
      (subscriber) => newsAlertMail(options, item, subscriber),
    );
  }
}
