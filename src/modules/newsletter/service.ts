import type { Kysely, Selectable } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { enqueueJob } from '../../lib/jobs.js';
import { findProjectsByIds, listProjects } from '../directory/service.js';
import { eventProjectIds, type HubEvent, listEvents } from '../events/service.js';
import { documentsAddedBetween } from '../library/service.js';
import { forgetRecipients, queueMail } from '../mail/service.js';
import { type NewsPost, newsPublishedBetween } from '../news/service.js';
import { registrationSummary } from '../registration/service.js';
import { listTopics, type Topic } from '../synergies/service.js';
import { CONFIRM_VALID_MS, verifyLink } from './links.js';
import { alreadySubscribedMail, confirmationMail } from './messages.js';
import type { NewsletterIssuesTable, NewsletterSubscribersTable } from './tables.js';

export { subscribersAt } from './figures.js';

export const FREQUENCIES = ['instant', 'weekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const CADENCES = ['weekly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];

/** What a subscriber follows and how often they hear about it. */
export interface Choices {
  allNews: boolean;
  allEvents: boolean;
  projectIds: number[];
  topicSlugs: string[];
  frequency: Frequency;
}

export interface Subscriber extends Choices {
  id: number;
  email: string;
  status: 'pending' | 'confirmed' | 'unsubscribed';
  consentText: string;
  requestedAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

/** Where links in mail point and what signs them. */
export interface LinkContext {
  baseUrl: string;
  secret: string;
}

/**
 * The consent a subscriber gives, stored word for word with each subscription. The hub tracks no opens or
 * clicks, and the text says so: should tracking ever be offered, this wording is what must change with it.
 */
export const CONSENT_TEXT =
  'I agree that the Cluster Hub sends me the mail I chose above. My address is used for nothing else and never shared. ' +
  'The hub does not record whether I open its mails or follow their links. Every mail has a link to change what I receive, ' +
  'unsubscribe, or download or delete what the hub keeps about me.';

function toSubscriber(row: Selectable<NewsletterSubscribersTable>): Subscriber {
  return {
    id: row.id,
    email: row.email,
    status: row.status as Subscriber['status'],
    allNews: row.all_news === 1,
    allEvents: row.all_events === 1,
    projectIds: JSON.parse(row.project_ids) as number[],
    topicSlugs: JSON.parse(row.topic_slugs) as string[],
    frequency: row.frequency as Frequency,
    consentText: row.consent_text,
    requestedAt: row.requested_at,
    confirmedAt: row.confirmed_at,
    unsubscribedAt: row.unsubscribed_at,
  };
}

function choiceColumns(choices: Choices) {
  return {
    all_news: choices.allNews ? 1 : 0,
    all_events: choices.allEvents ? 1 : 0,
    project_ids: JSON.stringify([...new Set(choices.projectIds)].sort((a, b) => a - b)),
    topic_slugs: JSON.stringify([...new Set(choices.topicSlugs)].sort()),
    frequency: choices.frequency,
  };
}

export async function findSubscriber(db: Kysely<Database>, id: number): Promise<Subscriber | null> {
  const row = await db.selectFrom('newsletter_subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

export async function findSubscriberByEmail(db: Kysely<Database>, email: string): Promise<Subscriber | null> {
  const row = await db.selectFrom('newsletter_subscribers').selectAll().where('email', '=', email).executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

/** Subscribers by status, and the confirmed ones by frequency, for the back office. */
export async function subscriberCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('newsletter_subscribers')
    .select(['status', 'frequency', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['status', 'frequency'])
    .execute();
  const counts: Record<string, number> = {};
  for (const r of rows) {
    counts[r.status] = (counts[r.status] ?? 0) + Number(r.n);
    if (r.status === 'confirmed') counts[r.frequency] = Number(r.n);
  }
  return counts;
}

/** The subscriber a manage link names, or null when there is none or the signature does not fit (same answer). */
export async function subscriberFromLink(db: Kysely<Database>, secret: string, id: number, token: string): Promise<Subscriber | null> {
  const subscriber = await findSubscriber(db, id);
  return subscriber && verifyLink(secret, subscriber, 'manage', token) ? subscriber : null;
}

// ---------------------------------------------------------------- subscribing

export async function isSuppressed(db: Kysely<Database>, email: string): Promise<boolean> {
  return !!(await db.selectFrom('newsletter_suppressions').select('email').where('email', '=', email).executeTakeFirst());
}

/** One confirmation (or reminder) per address in this window, however often the form is sent for it. */
const MAIL_WINDOW_MS = 10 * 60_000;
const windowOf = (now: Date) => Math.floor(now.getTime() / MAIL_WINDOW_MS);

/**
 * Records a request to subscribe and sends the confirmation. The caller shows the same answer whatever happens
 * here, so the form never tells who is subscribed: a confirmed subscriber gets a mail with their preferences link
 * instead; a suppressed address gets nothing. Nobody receives anything but that one mail until they confirm.
 */
export async function requestSubscription(db: Kysely<Database>, links: LinkContext, email: string, choices: Choices, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await isSuppressed(trx, email)) return;
    const stamp = now.toISOString();
    const existing = await trx.selectFrom('newsletter_subscribers').selectAll().where('email', '=', email).executeTakeFirst();
    if (existing?.status === 'confirmed') {
      const subscriber = toSubscriber(existing);
      await queueMail(trx, alreadySubscribedMail(links, subscriber), { dedupeKey: `newsletter:already:${subscriber.id}:${windowOf(now)}` });
      return;
    }
    const values = { ...choiceColumns(choices), status: 'pending', consent_text: CONSENT_TEXT, requested_at: stamp, updated_at: stamp };
    let id: number;
    if (existing) {
      await trx.updateTable('newsletter_subscribers').set(values).where('id', '=', existing.id).execute();
      id = existing.id;
    } else {
      const row = await trx
        .insertInto('newsletter_subscribers')
        .values({ ...values, email, created_at: stamp })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    await queueMail(trx, confirmationMail(links, { id, email }, now.getTime()), { dedupeKey: `newsletter:confirm:${id}:${windowOf(now)}` });
  });
}

export type ConfirmOutcome = { ok: true; subscriber: Subscriber } | { ok: false; reason: 'invalid' | 'expired' };

/** Confirms a subscription from the mailed link; a second click finds it confirmed already and says so. */
export async function confirmSubscription(db: Kysely<Database>, secret: string, id: number, issued: string, token: string, now = new Date()): Promise<ConfirmOutcome> {
  const subscriber = await findSubscriber(db, id);
  if (!subscriber || !verifyLink(secret, subscriber, 'confirm', token, issued)) return { ok: false, reason: 'invalid' };
  const issuedMs = Number.parseInt(issued, 36);
  if (subscriber.status !== 'confirmed' && !(now.getTime() - issuedMs <= CONFIRM_VALID_MS)) return { ok: false, reason: 'expired' };
  if (subscriber.status !== 'confirmed') {
    const stamp = now.toISOString();
    await db.updateTable('newsletter_subscribers').set({ status: 'confirmed', confirmed_at: stamp, unsubscribed_at: null, updated_at: stamp }).where('id', '=', id).execute();
  }
  return { ok: true, subscriber: (await findSubscriber(db, id))! };
}

export async function updateChoices(db: Kysely<Database>, id: number, choices: Choices): Promise<void> {
  await db.updateTable('newsletter_subscribers').set({ ...choiceColumns(choices), updated_at: nowIso() }).where('id', '=', id).execute();
}

/** Stops every newsletter and alert to this subscriber; the row stays so a later confirmation can restart it. */
export async function unsubscribe(db: Kysely<Database>, id: number): Promise<void> {
  const stamp = nowIso();
  await db.updateTable('newsletter_subscribers').set({ status: 'unsubscribed', unsubscribed_at: stamp, updated_at: stamp }).where('id', '=', id).where('status', '!=', 'unsubscribed').execute();
}

/** Everything the hub keeps about a subscriber, for the export button. */
export async function exportSubscriber(db: Kysely<Database>, subscriber: Subscriber) {
  const projects = await findProjectsByIds(db, subscriber.projectIds);
  return {
    email: subscriber.email,
    status: subscriber.status,
    follows: {
      allNews: subscriber.allNews,
      allEvents: subscriber.allEvents,
      projects: projects.map((p) => p.acronym),
      topics: subscriber.topicSlugs,
    },
    frequency: subscriber.frequency,
    consent: { text: subscriber.consentText, requestedAt: subscriber.requestedAt, confirmedAt: subscriber.confirmedAt },
    unsubscribedAt: subscriber.unsubscribedAt,
  };
}

/** Deletes the subscriber and the text of every newsletter mail already sent to them (the outbox keeps only subjects). */
export async function deleteSubscriber(db: Kysely<Database>, subscriber: Subscriber): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('newsletter_subscribers').where('id', '=', subscriber.id).execute();
    await forgetRecipients(trx, [subscriber.email]);
  });
}

/** What the subscribe form offers to follow: member projects and the synergy topics. */
export async function followOptions(db: Kysely<Database>) {
  const [projects, topics] = await Promise.all([listProjects(db, { members: true }), listTopics(db)]);
  return {
    projects: projects.map((p) => ({ id: p.id, slug: p.slug, label: p.acronym })),
    topics: topics.map((t) => ({ slug: t.slug, label: t.label })),
  };
}

// ---------------------------------------------------------------- suppression list

export async function listSuppressions(db: Kysely<Database>) {
  return db.selectFrom('newsletter_suppressions').selectAll().orderBy('email').execute();
}

export async function addSuppression(db: Kysely<Database>, email: string, reason: string): Promise<void> {
  await db.insertInto('newsletter_suppressions').values({ email, reason, created_at: nowIso() }).onConflict((oc) => oc.column('email').doUpdateSet({ reason })).execute();
}

export async function removeSuppression(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('newsletter_suppressions').where('email', '=', email).execute();
}

// ---------------------------------------------------------------- digest issues

/** One entry of an issue: a snapshot taken when the issue was drafted, so the issue reads the same when sent. */
export interface DigestItem {
  kind: 'news' | 'event' | 'document';
  id: number;
  title: string;
  /** Path on the hub, e.g. /news/slug. */
  url: string;
  summary: string;
  /** Publication time (news), start (events) or date (documents). */
  date: string | null;
  /** The event's own zone, for its start time. */
  timezone?: string;
  /** For events: where registration stands when the issue was drafted. */
  registration?: string;
  imagePath?: string | null;
  imageAlt?: string | null;
  /** Projects it belongs to: who follows one of them (or a topic including one) gets it. */
  projectIds: number[];
}

export interface Issue {
  id: number;
  cadence: Cadence;
  subject: string;
  intro: string;
  items: DigestItem[];
  coversFrom: string;
  status: 'draft' | 'scheduled' | 'sending' | 'sent';
  scheduledAt: string | null;
  sentAt: string | null;
  recipients: number;
  createdAt: string;
}

function toIssue(row: Selectable<NewsletterIssuesTable>): Issue {
  return {
    id: row.id,
    cadence: row.cadence as Cadence,
    subject: row.subject,
    intro: row.intro,
    items: JSON.parse(row.items) as DigestItem[],
    coversFrom: row.covers_from,
    status: row.status as Issue['status'],
    scheduledAt: row.scheduled_at,
    sentAt: row.sent_at,
    recipients: row.recipients,
    createdAt: row.created_at,
  };
}

const REGISTRATION_WORDS: Record<string, string> = {
  open: 'Registration open',
  'pre-registration': 'Pre-registration open',
  'not-yet': 'Registration opens soon',
  closed: 'Registration closed',
};

const ITEM_LIMIT = 30;
const CADENCE_DAYS: Record<Cadence, number> = { weekly: 7, monthly: 30 };


/** A news post as an item of an issue or an alert. */
export function newsItem(post: NewsPost): DigestItem {
  return {
    kind: 'news',
    id: post.id,
    title: post.title,
    url: post.url,
    summary: post.summary,
    date: post.publishedAt,
    imagePath: post.imagePath,
    imageAlt: post.imageAlt,
    projectIds: post.projectId ? [post.projectId] : [],
  };
}

/** An event as an item of an issue or an alert, with the words for its registration state. */
export async function eventItem(db: Kysely<Database>, event: HubEvent, registration: string | undefined): Promise<DigestItem> {
  return {
    kind: 'event',
    id: event.id,
    title: event.title,
    url: event.url,
    summary: event.summary,
    date: event.startsAt,
    timezone: event.timezone,
    registration,
    projectIds: await eventProjectIds(db, event.id),
  };
}
/**
 * What an issue covers: everything published since the last issue of the same cadence went out
 * (or over the cadence's length, for the first one), and the events still to come.
 */
export async function collectItems(db: Kysely<Database>, from: string, to: string): Promise<DigestItem[]> {
  const [news, upcoming, documents] = await Promise.all([
    newsPublishedBetween(db, from, to, ITEM_LIMIT),
    listEvents(db, { when: 'upcoming', page: 1 }, ITEM_LIMIT),
    documentsAddedBetween(db, from, to, ITEM_LIMIT),
  ]);
  const items: DigestItem[] = news.map(newsItem);
  for (const event of upcoming.events) {
    const summary = await registrationSummary(db, event.id, event.endsAt);
    items.push(await eventItem(db, event, summary ? REGISTRATION_WORDS[summary.phase] : undefined));
  }
  for (const doc of documents) {
    items.push({ kind: 'document', id: doc.id, title: doc.title, url: doc.url, summary: doc.description, date: doc.date, projectIds: doc.projectId ? [doc.projectId] : [] });
  }
  return items;
}

/** Drafts the next issue of a cadence from what was published since the last one. */
export async function draftIssue(db: Kysely<Database>, cadence: Cadence, now = new Date()): Promise<number> {
  const last = await db.selectFrom('newsletter_issues').select('sent_at').where('cadence', '=', cadence).where('status', '=', 'sent').orderBy('sent_at', 'desc').executeTakeFirst();
  const from = last?.sent_at ?? new Date(now.getTime() - CADENCE_DAYS[cadence] * 86_400_000).toISOString();
  const items = await collectItems(db, from, now.toISOString());
  const stamp = now.toISOString();
  const title = cadence === 'weekly' ? 'Cluster Hub this week' : 'Cluster Hub this month';
  const row = await db
    .insertInto('newsletter_issues')
    .values({ cadence, subject: title, intro: '', items: JSON.stringify(items), covers_from: from, status: 'draft', recipients: 0, created_at: stamp, updated_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findIssue(db: Kysely<Database>, id: number): Promise<Issue | null> {
  const row = await db.selectFrom('newsletter_issues').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toIssue(row) : null;
}

export async function listIssues(db: Kysely<Database>): Promise<Issue[]> {
  return (await db.selectFrom('newsletter_issues').selectAll().orderBy('id', 'desc').limit(200).execute()).map(toIssue);
}

/** Sent issues, newest first: the public archive and its feed. */
export async function listSentIssues(db: Kysely<Database>, limit = 100): Promise<Issue[]> {
  return (await db.selectFrom('newsletter_issues').selectAll().where('status', '=', 'sent').orderBy('sent_at', 'desc').limit(limit).execute()).map(toIssue);
}

/**
 * Saves the admin's edits to a draft: subject, intro, and the items in the order of their positions
 * (an item given no position, or position 0, is left out).
 */
export async function editIssue(db: Kysely<Database>, issue: Issue, edit: { subject: string; intro: string; positions: Record<string, number> }): Promise<void> {
  const keyed = issue.items.map((item, index) => ({ item, position: edit.positions[itemKey(item)] ?? index + 1, index }));
  const items = keyed.filter((k) => k.position > 0).sort((a, b) => a.position - b.position || a.index - b.index).map((k) => k.item);
  await db
    .updateTable('newsletter_issues')
    .set({ subject: edit.subject, intro: edit.intro, items: JSON.stringify(items), updated_at: nowIso() })
    .where('id', '=', issue.id)
    .where('status', 'in', ['draft', 'scheduled'])
    .execute();
}

export const itemKey = (item: Pick<DigestItem, 'kind' | 'id'>) => `${item.kind}-${item.id}`;

/** A topic's followers get what its projects publish; the topics are read once per batch of subscribers. */
export type TopicProjects = Map<string, number[]>;

export async function topicProjects(db: Kysely<Database>): Promise<TopicProjects> {
  return new Map((await listTopics(db)).map((t: Topic) => [t.slug, t.projectIds]));
}

/** Does this subscriber follow this item? All news / all events, or one of its projects, directly or through a topic. */
export function follows(subscriber: Choices, item: Pick<DigestItem, 'kind' | 'projectIds'>, topics: TopicProjects): boolean {
  if (item.kind === 'news' && subscriber.allNews) return true;
  if (item.kind === 'event' && subscriber.allEvents) return true;
  if (item.kind === 'document' && subscriber.allNews) return true;
  const followed = new Set(subscriber.projectIds);
  for (const slug of subscriber.topicSlugs) for (const id of topics.get(slug) ?? []) followed.add(id);
  return item.projectIds.some((id) => followed.has(id));
}

export function itemsFor(subscriber: Choices, items: DigestItem[], topics: TopicProjects): DigestItem[] {
  return items.filter((item) => follows(subscriber, item, topics));
}

export class IssueStateError extends Error {}

export const SEND_ISSUE_JOB = 'newsletter.send';

/**
 * Schedules the sending of an issue (now, or at `at`); the job fans it out in batches. Only a draft or a
 * scheduled issue can be (re)scheduled: once sending has begun it runs to the end.
 */
export async function scheduleIssue(db: Kysely<Database>, id: number, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('newsletter_issues')
      .set({ status: 'scheduled', scheduled_at: at.toISOString(), updated_at: nowIso() })
      .where('id', '=', id)
      .where('status', 'in', ['draft', 'scheduled'])
      .executeTakeFirst();
    if (!Number(result.numUpdatedRows)) throw new IssueStateError('This issue is already being sent or has been sent.');
    // The key names the schedule, so moving it queues a new first batch and the job for the old time finds nothing to do.
    await enqueueJob(trx, SEND_ISSUE_JOB, { issueId: id, after: 0, index: 0, scheduledAt: at.toISOString() }, { runAt: at, dedupeKey: `newsletter.send:${id}:${at.toISOString()}:0` });
  });
}

/** Back to a draft: a scheduled issue the admin wants to change further or hold back. */
export async function unscheduleIssue(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable('newsletter_issues').set({ status: 'draft', scheduled_at: null, updated_at: nowIso() }).where('id', '=', id).where('status', '=', 'scheduled').execute();
}

/** Subscribers that receive issues of a cadence, a batch at a time in id order (the job's cursor). */
export async function recipientsBatch(db: Kysely<Database>, cadence: Cadence, after: number, size: number): Promise<Subscriber[]> {
  const rows = await db
    .selectFrom('newsletter_subscribers')
    .selectAll()
    .where('status', '=', 'confirmed')
    .where('frequency', '=', cadence)
    .where('id', '>', after)
    .where('email', 'not in', db.selectFrom('newsletter_suppressions').select('email'))
    .orderBy('id')
    .limit(size)
    .execute();
  return rows.map(toSubscriber);
}

/** Marks sending begun (once) and returns when it began: the throttle spaces every message from that moment. */
export async function beginSending(db: Kysely<Database>, id: number, now = new Date()): Promise<string> {
  await db.updateTable('newsletter_issues').set({ status: 'sending', sending_started_at: now.toISOString() }).where('id', '=', id).where('status', '=', 'scheduled').execute();
  const row = await db.selectFrom('newsletter_issues').select('sending_started_at').where('id', '=', id).executeTakeFirstOrThrow();
  return row.sending_started_at ?? now.toISOString();
}

export async function finishSending(db: Kysely<Database>, id: number, recipients: number): Promise<void> {
  await db.updateTable('newsletter_issues').set({ status: 'sent', sent_at: nowIso(), recipients }).where('id', '=', id).where('status', '=', 'sending').execute();
}

/**
 * When the index-th message of a send may leave: spread evenly at the configured rate per minute from the
 * moment sending began (0 means no limit). A resumed send computes the same times, so a crash changes nothing.
 */
export function sendTime(startedAt: string, index: number, ratePerMinute: number): Date {
  const start = Date.parse(startedAt);
  return new Date(ratePerMinute > 0 ? start + Math.floor((index * 60_000) / ratePerMinute) : start);
}

// ---------------------------------------------------------------- alerts

/** Confirmed subscribers (any frequency) not on the suppression list; alerts filter them by what they follow. */
export async function alertRecipients(db: Kysely<Database>, options: { instantOnly: boolean }): Promise<Subscriber[]> {
  let query = db
    .selectFrom('newsletter_subscribers')
    .selectAll()
    .where('status', '=', 'confirmed')
    .where('email', 'not in', db.selectFrom('newsletter_suppressions').select('email'));
  if (options.instantOnly) query = query.where('frequency', '=', 'instant');
  return (await query.orderBy('id').execute()).map(toSubscriber);
}

/** Claims an alert (a news post, an event opening registration) for fan-out; false when it went out already. */
export async function claimAlert(db: Kysely<Database>, key: string): Promise<boolean> {
  const row = await db.insertInto('newsletter_alerts').values({ subject_key: key, recipients: 0, created_at: nowIso() }).onConflict((oc) => oc.column('subject_key').doNothing()).returning('subject_key').executeTakeFirst();
  return !!row;
}

export async function recordAlertRecipients(db: Kysely<Database>, key: string, recipients: number): Promise<void> {
  await db.updateTable('newsletter_alerts').set({ recipients }).where('subject_key', '=', key).execute();
}

export async function knownAlertKeys(db: Kysely<Database>, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db.selectFrom('newsletter_alerts').select('subject_key').where('subject_key', 'in', keys).execute();
  return new Set(rows.map((r) => r.subject_key));
}
