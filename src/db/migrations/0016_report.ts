import { type Kysely, sql } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  // Cookieless page views: one row per public page and day, nothing about who read it.
  await db.schema
    .createTable('page_views')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('page_views_pk', ['day', 'path'])
    // SQLite keeps the rows in the key's order, so a period's pages are one range read.
    .$call((t) => (d === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
    .execute();

  // The same counts per calendar month, kept beside the days so a year reads twelve rows per page.
  await db.schema
    .createTable('page_view_months')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('page_view_months_pk', ['month', 'path'])
    .$call((t) => (d === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
    .execute();

  // Library downloads per document and day, beside the running total on `documents`, so a period can be counted.
  await db.schema
    .createTable('document_download_days')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('downloads', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('document_download_days_pk', ['day', 'document_id'])
    .$call((t) => (d === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
    .execute();

  // The reporting periods an admin names (e.g. "Reporting period 1"), offered as presets on the report.
  await withId(db.schema.createTable('report_periods'), d)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Optional at registration: industry | research | university | public-body | association | other.
  await db.schema.alterTable('registrations').addColumn('organisation_type', 'text').execute();
  // The report counts a period's registrations event by event (attendance), person by person (people, returning
  // participants, countries, kinds of organisation) and organisation by organisation. Each index holds every column its
  // count reads, in the order it groups by, so SQLite reads the index alone and never sorts (a sort of a year's
  // registrations by e-mail address was most of the report's time).
  await db.schema.createIndex('registrations_report').on('registrations').columns(['event_id', 'status', 'mode', 'checked_in_at']).execute();
  await db.schema
    .createIndex('registrations_by_person')
    .on('registrations')
    .columns(['status', 'email_normalised', 'event_id', 'country', 'organisation_type'])
    .execute();
  await sql`create index registrations_by_organisation on registrations (status, (lower(trim(organisation))), event_id) where organisation is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('registrations_by_organisation').execute();
  await db.schema.dropIndex('registrations_by_person').execute();
  await db.schema.dropIndex('registrations_report').execute();
  await db.schema.alterTable('registrations').dropColumn('organisation_type').execute();
  await db.schema.dropTable('report_periods').execute();
  await db.schema.dropTable('document_download_days').execute();
  await db.schema.dropTable('page_view_months').execute();
  await db.schema.dropTable('page_views').execute();
}
