import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

// Frozen in time: this file must not import application code.
// Synergies: CORDIS "known projects" (own tables, not hub members), the engine's stored results, topic discussions.
export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  await db.schema
    .createTable('cordis_projects')
    .addColumn('id', 'text', (c) => c.primaryKey()) // CORDIS project id (grant agreement number)
    .addColumn('acronym', 'text')
    .addColumn('title', 'text')
    .addColumn('objective', 'text')
    .addColumn('status', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('framework_programme', 'text')
    .addColumn('funding_scheme', 'text')
    .addColumn('total_cost', 'real')
    .addColumn('ec_max_contribution', 'real')
    .addColumn('call_topic', 'text')
    .addColumn('call_topic_title', 'text')
    .addColumn('legal_basis', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{code,title}]
    .addColumn('scivoc', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{code,path,title}]
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cordis_projects_topic').on('cordis_projects').column('call_topic').execute();

  await db.schema
    .createTable('cordis_deliverables')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('cordis_projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text')
    .execute();
  await db.schema.createIndex('cordis_deliverables_project').on('cordis_deliverables').column('project_id').execute();

  await db.schema
    .createTable('cordis_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('cordis_projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cordis_reports_project').on('cordis_reports').column('project_id').execute();

  await db.schema
    .createTable('cordis_organisations')
    .addColumn('project_id', 'text', (c) => c.notNull().references('cordis_projects.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('participant'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('activity_type', 'text')
    .addColumn('sme', 'integer')
    .addColumn('city', 'text')
    .addColumn('country', 'text')
    .addColumn('lat', 'real')
    .addColumn('lon', 'real')
    .addColumn('url', 'text')
    .addColumn('ec_contribution', 'real')
    .addPrimaryKeyConstraint('cordis_organisations_pk', ['project_id', 'organisation_id', 'role'])
    .execute();

  // Related projects of each member project, as last computed. target is "p:<projects.id>" or "c:<cordis id>".
  await db.schema
    .createTable('synergy_related')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('synergy_related_pk', ['project_id', 'target'])
    .execute();

  // Topics shared by at least two member projects, as last computed.
  await db.schema
    .createTable('synergy_topics')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('term_key', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('project_ids', 'text', (c) => c.notNull().defaultTo('[]')) // JSON member project ids
    .addColumn('known_ids', 'text', (c) => c.notNull().defaultTo('[]')) // JSON CORDIS ids of known projects carrying the term
    .addColumn('rank', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('synergy_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('topic_posts'), d)
    .addColumn('topic_slug', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('topic_posts.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('topic_posts_topic').on('topic_posts').columns(['topic_slug', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['topic_posts', 'synergy_state', 'synergy_topics', 'synergy_related', 'cordis_organisations', 'cordis_reports', 'cordis_deliverables', 'cordis_projects']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
