import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite answers phrases from FTS5's position lists and needs nothing here.
  if (dialectOf(db) !== 'postgres') return;
  // Most tsvectors (median about 1.6 kB compressed) were moved out of line into TOAST, so testing or
  // ranking one row cost a TOAST index lookup and several page reads. Kept in the row (compressed)
  // up to 4 kB, they cost one page; the body goes out of line first because it is read for the page's
  // ten snippets only.
  await sql`alter table search_documents alter column tsv set storage main, set (toast_tuple_target = 4096)`.execute(db);
  // Adjacent word pairs ("suppli cobalt"), from the same positions the phrase operator (<->) tests.
  // GIN has no positions, so a phrase of common words had to test the tsvector of every document
  // holding both words (a quarter of the index for some); a pair is looked up like a word.
  await sql`create function search_word_pairs(v tsvector) returns tsvector language sql immutable strict parallel safe as $$
    select coalesce(array_to_tsvector(array_agg(distinct a.lexeme || ' ' || b.lexeme)), ''::tsvector)
    from (select lexeme, unnest(positions) as pos from unnest(v)) a
    join (select lexeme, unnest(positions) as pos from unnest(v)) b on b.pos = a.pos + 1
  $$`.execute(db);
  // A generated column cannot read another (tsv), so the vector is built again; its weights do not matter here.
  await sql`alter table search_documents add column pairs tsvector
    generated always as (search_word_pairs(to_tsvector('english', title) || to_tsvector('english', body))) stored`.execute(db);
  await sql`create index search_documents_pairs on search_documents using gin (pairs)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`drop index search_documents_pairs`.execute(db);
  await sql`alter table search_documents drop column pairs`.execute(db);
  await sql`drop function search_word_pairs(tsvector)`.execute(db);
  await sql`alter table search_documents alter column tsv set storage extended, reset (toast_tuple_target)`.execute(db);
}
