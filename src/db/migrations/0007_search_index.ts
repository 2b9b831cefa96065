import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Entries written before modules indexed people, organisations and the documents of events
  // published later may be missing or stale. An empty index is rebuilt in full by the next `start`
  // (or `reindex`); from then on modules keep it current and `start` leaves it alone.
  await db.deleteFrom('search_documents').execute();
  await db.deleteFrom('search_terms').execute();
  if (dialectOf(db) !== 'sqlite') return;
  // Prefix indexes for 2 to 5 characters. Prefix queries are stemmed like words ("ore*" is looked up
  // as "or*"), so a typed prefix of 3-5 letters often arrives a letter shorter; without an index of
  // that length FTS5 merges the posting lists of every matching term on each query (up to 800 ms for
  // a common prefix on 100,000 documents, against about 10 ms with the index).
  await sql`drop table search_fts`.execute(db);
  await sql`create virtual table search_fts using fts5(title, body, facets, content='search_documents', content_rowid='id', tokenize="porter unicode61 remove_diacritics 2 tokenchars '_'", prefix='2 3 4 5')`.execute(db);
  await sql`insert into search_fts(search_fts, rank) values ('rank', 'bm25(8.0, 1.0, 0.0)')`.execute(db);
}
