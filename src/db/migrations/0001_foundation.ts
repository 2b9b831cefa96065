import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  await withId(db.schema.createTable('projects'), d)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('acronym', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull().defaultTo('HORIZON'))
    .addColumn('funding_scheme', 'text')
    .addColumn('grant_id', 'text')
    .addColumn('call_topic', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('coordinator_name', 'text')
    .addColumn('coordinator_country', 'text')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_md', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'text')
    .addColumn('logo_path', 'text')
    .addColumn('metals', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('resources', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('technologies', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_member', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('joined_year', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('organisations'), d)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('country', 'text')
    .addColumn('city', 'text')
    .addColumn('activity_type', 'text')
    .addColumn('value_chain_stage', 'text')
    .addColumn('lat', 'real')
    .addColumn('lon', 'real')
    .addColumn('website', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('project_partners')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('participant'))
    .addPrimaryKeyConstraint('project_partners_pk', ['project_id', 'organisation_id'])
    .execute();

  await withId(db.schema.createTable('people'), d)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('honorific', 'text')
    .addColumn('job_title', 'text')
    .addColumn('affiliation', 'text')
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('project_id', 'integer', (c) => c.references('projects.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('news'), d)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_md', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('project_id', 'integer', (c) => c.references('projects.id').onDelete('set null'))
    .addColumn('event_id', 'integer')
    .addColumn('image_path', 'text')
    .addColumn('image_alt', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'text')
    .addColumn('author_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('news_published').on('news').columns(['status', 'published_at']).execute();

  await withId(db.schema.createTable('events'), d)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('short_title', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_md', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('all_day', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('Europe/Brussels'))
    .addColumn('venue_name', 'text')
    .addColumn('venue_address', 'text')
    .addColumn('city', 'text')
    .addColumn('country', 'text')
    .addColumn('directions', 'text')
    .addColumn('online_platform', 'text')
    .addColumn('meeting_url', 'text')
    .addColumn('organisers', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_hub_event', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('parent_event_id', 'integer')
    .addColumn('external_url', 'text')
    .addColumn('registration_url', 'text')
    .addColumn('registration_note', 'text')
    .addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('attendance_note', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_starts').on('events').columns(['status', 'starts_at']).execute();

  await db.schema
    .createTable('event_projects')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('organiser'))
    .addPrimaryKeyConstraint('event_projects_pk', ['event_id', 'project_id'])
    .execute();
  await db.schema.createIndex('event_projects_project').on('event_projects').column('project_id').execute();

  await withId(db.schema.createTable('programme_items'), d)
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('programme_items.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('location', 'text')
    .addColumn('project_id', 'integer', (c) => c.references('projects.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('programme_items_event').on('programme_items').columns(['event_id', 'position']).execute();

  await db.schema
    .createTable('programme_people')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('programme_items.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('representing', 'text')
    .addPrimaryKeyConstraint('programme_people_pk', ['item_id', 'person_id', 'role'])
    .execute();

  await withId(db.schema.createTable('users'), d)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('password_hash', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'text')
    .execute();

  await db.schema
    .createTable('user_projects')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_projects_pk', ['user_id', 'project_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('jobs'), d)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();

  await withId(db.schema.createTable('mail_messages'), d)
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();

  await withId(db.schema.createTable('audit_log'), d)
    .addColumn('user_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

}
