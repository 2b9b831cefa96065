import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  // People who asked for the newsletter: what they follow, how often, and the consent they gave.
  // No account: the signed links in every mail are how they manage it.
  await withId(db.schema.createTable('newsletter_subscribers'), d)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    // pending (asked, not yet confirmed) | confirmed | unsubscribed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('all_news', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('all_events', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON arrays: project ids and topic slugs followed.
    .addColumn('project_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('topic_slugs', 'text', (c) => c.notNull().defaultTo('[]'))
    // instant | weekly | monthly
    .addColumn('frequency', 'text', (c) => c.notNull())
    // The consent wording shown when they asked, kept word for word with the time they confirmed it.
    .addColumn('consent_text', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('newsletter_subscribers_status').on('newsletter_subscribers').columns(['status', 'frequency', 'id']).execute();

  // Digest issues: drafted from what was published since the last one, edited, then sent or scheduled.
  await withId(db.schema.createTable('newsletter_issues'), d)
    // weekly | monthly: which subscribers it goes to
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    // JSON array of the items (news, events, documents) in the order the admin chose.
    .addColumn('items', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('covers_from', 'text', (c) => c.notNull())
    // draft | scheduled | sending | sent
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'text')
    .addColumn('sending_started_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Addresses that must never get a newsletter or alert, whatever their subscription says.
  await db.schema
    .createTable('newsletter_suppressions')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // One row per news post or event whose alert has gone out, so it is fanned out once only.
  await db.schema
    .createTable('newsletter_alerts')
    .addColumn('subject_key', 'text', (c) => c.primaryKey())
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Extra headers of an outbox message (JSON object), e.g. List-Unsubscribe for RFC 8058 one-click unsubscribe.
  await db.schema.alterTable('mail_messages').addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_messages').dropColumn('headers').execute();
  await db.schema.dropTable('newsletter_alerts').execute();
  await db.schema.dropTable('newsletter_suppressions').execute();
  await db.schema.dropTable('newsletter_issues').execute();
  await db.schema.dropTable('newsletter_subscribers').execute();
}
