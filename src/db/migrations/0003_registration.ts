import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  await db.schema
    .createTable('registration_settings')
    .addColumn('event_id', 'integer', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('pre_registration', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_person_capacity', 'integer')
    .addColumn('online_capacity', 'integer')
    .addColumn('approval_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('questions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('privacy_notice', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('consent_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(180))
    .addColumn('offer_hours', 'integer', (c) => c.notNull().defaultTo(48))
    .addColumn('reminder_hours', 'text', (c) => c.notNull().defaultTo('[24]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One row per (event, mode): `taken` is changed only by conditional updates, so seats can never be oversold.
  await db.schema
    .createTable('registration_pools')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('registration_pools_pk', ['event_id', 'mode'])
    .execute();

  await withId(db.schema.createTable('registrations'), d)
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_normalised', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text')
    .addColumn('country', 'text')
    .addColumn('role', 'text')
    .addColumn('dietary', 'text')
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('holds_seat', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('queued_at', 'text')
    .addColumn('offer_expires_at', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('consent_at', 'text')
    .addColumn('anonymised_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('registrations_event_email').on('registrations').columns(['event_id', 'email_normalised']).unique().execute();
  await db.schema.createIndex('registrations_event_status').on('registrations').columns(['event_id', 'status', 'mode']).execute();
}
