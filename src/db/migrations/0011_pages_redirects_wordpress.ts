import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  // Editable static pages (about, membership, privacy policy, legal notice…). `path` is the page's
  // address below /pages/ ("about/team"), built from its slug and its parent's path.
  await withId(db.schema.createTable('pages'), d)
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('parent_id', 'integer', (c) => c.references('pages.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    // none | main | footer: where the page is linked from on every page.
    .addColumn('nav_placement', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('nav_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pages_parent').on('pages').column('parent_id').execute();

  // Old addresses answered with 301: made by the WordPress import or by hand in the back office.
  await withId(db.schema.createTable('redirects'), d)
    .addColumn('from_path', 'text', (c) => c.notNull().unique())
    .addColumn('to_path', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A pinned post (WordPress's "sticky") is listed before the others.
  await db.schema.alterTable('news').addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // What each WordPress item became, by its GUID, so a second import updates instead of duplicating.
  await db.schema
    .createTable('wordpress_items')
    .addColumn('guid', 'text', (c) => c.primaryKey())
    .addColumn('wp_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    // The hub address the item now lives at (an image path, /news/slug, /library/12…).
    .addColumn('target_url', 'text', (c) => c.notNull())
    // A hash of what was imported: an unchanged item is skipped on the next run.
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
}
