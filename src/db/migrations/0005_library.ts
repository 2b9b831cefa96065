import { type Kysely, sql } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  await withId(db.schema.createTable('documents'), d)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('licence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('doc_date', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('external_url', 'text')
    .addColumn('project_id', 'integer', (c) => c.references('projects.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c) => c.references('events.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.references('programme_items.id').onDelete('set null'))
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('download_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_event').on('documents').columns(['event_id', 'item_id']).execute();
  await db.schema.createIndex('documents_project').on('documents').column('project_id').execute();
  await db.schema.createIndex('documents_date').on('documents').column('doc_date').execute();

  await withId(db.schema.createTable('document_versions'), d)
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('text_status', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('uploaded_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_versions_unique', ['document_id', 'version'])
    .execute();

  await withId(db.schema.createTable('galleries'), d)
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('galleries_event').on('galleries').column('event_id').execute();

  await withId(db.schema.createTable('gallery_photos'), d)
    .addColumn('gallery_id', 'integer', (c) => c.notNull().references('galleries.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('web_key', 'text', (c) => c.notNull())
    .addColumn('thumb_key', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('thumb_width', 'integer', (c) => c.notNull())
    .addColumn('thumb_height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gallery_photos_gallery').on('gallery_photos').columns(['gallery_id', 'position']).execute();

  // The search index: one row per findable thing, whichever module owns it.
  let searchTable = withId(db.schema.createTable('search_documents'), d)
    // Filter columns first, the long body last: SQLite reads a row's columns in order, so a filter
    // on `date` would otherwise walk the body's overflow pages for every match.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer')
    .addColumn('event_id', 'integer')
    .addColumn('date', 'text')
    // Filters as words ("k_event y_2024 p_3"), so FTS5 intersects them with the query inside the index.
    // The underscore is a token character there, and no typed query can produce one: they never collide.
    .addColumn('facets', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('search_documents_ref', ['kind', 'ref_id']);
  if (d === 'postgres') {
    searchTable = searchTable.addColumn('tsv', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')`).stored(),
    );
  }
  await searchTable.execute();
  await db.schema.createIndex('search_documents_kind_date').on('search_documents').columns(['kind', 'date']).execute();

  if (d === 'postgres') {
    await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
  } else {
    // External-content FTS5 table: the text lives once, in search_documents; triggers keep the index in step.
    await sql`create virtual table search_fts using fts5(title, body, facets, content='search_documents', content_rowid='id', tokenize="porter unicode61 remove_diacritics 2 tokenchars '_'", prefix='3 4')`.execute(db);
    await sql`insert into search_fts(search_fts, rank) values ('rank', 'bm25(8.0, 1.0, 0.0)')`.execute(db);
    await sql`create trigger search_documents_ai after insert on search_documents begin
      insert into search_fts(rowid, title, body, facets) values (new.id, new.title, new.body, new.facets); end`.execute(db);
    await sql`create trigger search_documents_ad after delete on search_documents begin
      insert into search_fts(search_fts, rowid, title, body, facets) values ('delete', old.id, old.title, old.body, old.facets); end`.execute(db);
    await sql`create trigger search_documents_au after update on search_documents begin
      insert into search_fts(search_fts, rowid, title, body, facets) values ('delete', old.id, old.title, old.body, old.facets);
      insert into search_fts(rowid, title, body, facets) values (new.id, new.title, new.body, new.facets); end`.execute(db);
  }

  // Words people may mean: the "did you mean" vocabulary (raw words, not stems).
  await db.schema
    .createTable('search_terms')
    .addColumn('term', 'text', (c) => c.primaryKey())
    .addColumn('freq', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
