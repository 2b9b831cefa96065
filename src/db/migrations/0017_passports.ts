import { type Kysely, sql } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  // Battery passports (issue 18): the current data as one JSON column, read whole by identifier.
  await withId(db.schema.createTable('passports'), d)
    .addColumn('identifier', 'text', (c) => c.notNull().unique())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('model', 'text', (c) => c.notNull())
    // ev | lmt | industrial
    .addColumn('category', 'text', (c) => c.notNull())
    // active | repurposed | recycled
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('origin_id', 'integer', (c) => c.references('passports.id'))
    .addColumn('source_id', 'integer', (c) => c.references('passports.id'))
    .addColumn('demonstrator', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('access', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passports_project').on('passports').columns(['project_id', 'id']).execute();
  await db.schema.createIndex('passports_origin').on('passports').column('origin_id').where(sql.ref('origin_id'), 'is not', null).execute();
  await db.schema.createIndex('passports_source').on('passports').column('source_id').where(sql.ref('source_id'), 'is not', null).execute();

  // Every change, as the changed data points only; keyed by passport and number, so SQLite keeps it without a rowid.
  const versions = db.schema
    .createTable('passport_versions')
    .addColumn('passport_id', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('passport_versions_pk', ['passport_id', 'version']);
  await (d === 'sqlite' ? versions.modifyEnd(sql`without rowid`) : versions).execute();

  await withId(db.schema.createTable('passport_access_requests'), d)
    .addColumn('passport_id', 'integer', (c) => c.notNull().references('passports.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    // pending | approved | refused
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passport_access_requests_reader').on('passport_access_requests').columns(['user_id', 'passport_id', 'status']).execute();
  await db.schema.createIndex('passport_access_requests_passport').on('passport_access_requests').columns(['passport_id', 'status']).execute();

  await db.schema
    .createTable('passport_authorities')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['passport_authorities', 'passport_access_requests', 'passport_versions', 'passports']) await db.schema.dropTable(table).execute();
}
