import { type Kysely, type RawBuilder, sql } from 'kysely';
import { dialectOf } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { type ParsedQuery, type QueryPart, phraseWords, toFts5Match, toPostgresQuery } from './query.js';

/**
 * The one place where SQLite FTS5 and PostgreSQL full-text search differ. Both adapters answer
 * the same two questions with the same shapes; `service.ts` does everything else.
 */

/** Private-use characters around matched words: they cannot occur in indexed text, and the view turns them into <mark>. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export interface SearchFilters {
  kind?: string;
  projectId?: number;
  eventId?: number;
  year?: number;
}

export interface RawHit {
  id: number;
  kind: string;
  ref_id: number;
  url: string;
  date: string | null;
  /** Title and excerpt with MARK_START/MARK_END around matches. */
  title: string;
  snippet: string;
}

/** One page of hits and the number of matches, counted up to RANKED_WINDOW. */
export interface RankedPage {
  hits: RawHit[];
  total: number;
}

export interface SearchAdapter {
  /**
   * Best hits first (relevance from the engine, re-ranked by recency among the best candidates) and
   * the number of matches, from one pass over the matches: counting separately ran the full-text
   * query a second time.
   */
  search(db: Kysely<Database>, query: ParsedQuery, filters: SearchFilters, limit: number, offset: number): Promise<RankedPage>;
  /** Number of matches, counted up to `cap` only (an exact count of a huge result set costs more than it tells). */
  count(db: Kysely<Database>, query: ParsedQuery, filters: SearchFilters, cap: number): Promise<number>;
}

/** Relevance is computed for this many best matches, which are then re-ranked by recency and paged. */
export const CANDIDATES = 500;

/**
 * Relevance is computed over at most this many matches, the most recently indexed first. A word
 * found in most of the index would otherwise cost a score for every document on every query;
 * below this many matches (nearly every real query) the ranking is exact. The window's size is also
 * the count of matches, so it must stay above the count people are shown (1,000).
 */
export const RANKED_WINDOW = 2000;

function filterSql(filters: SearchFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (filters.kind) parts.push(sql`d.kind = ${filters.kind}`);
  if (filters.projectId) parts.push(sql`d.project_id = ${filters.projectId}`);
  if (filters.eventId) parts.push(sql`d.event_id = ${filters.eventId}`);
  if (filters.year) parts.push(sql`d.date >= ${`${filters.year}`} and d.date < ${`${filters.year + 1}`}`);
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}

/**
 * Filter values written as words ("k_event y_2024"), stored in the `facets` column. SQLite matches
 * them inside the full-text index, which intersects posting lists far faster than looking up each
 * match's row.
 */
export function facetWords(values: { kind?: string; projectId?: number | null; eventId?: number | null; date?: string | null }): string[] {
  const words: string[] = [];
  if (values.kind) words.push(`k_${values.kind.replace(/[^a-z_]/g, '')}`);
  if (values.projectId) words.push(`p_${values.projectId}`);
  if (values.eventId) words.push(`e_${values.eventId}`);
  const year = values.date?.slice(0, 4);
  if (year && /^\d{4}$/.test(year)) words.push(`y_${year}`);
  return words;
}

/** The FTS5 expression: the person's query, then each filter as a word of the facets column. */
function fts5Match(query: ParsedQuery, filters: SearchFilters): string {
  const facets = facetWords({ kind: filters.kind, projectId: filters.projectId, eventId: filters.eventId, date: filters.year ? String(filters.year) : null });
  // Facet words contain "_", which the query parser never emits, so typed words cannot hit them.
  const match = toFts5Match(query);
  return facets.length ? `(${match}) AND ${facets.map((w) => `facets : "${w}"`).join(' AND ')}` : match;
}

/** A page row with the window's size beside it, which is the (capped) number of matches. */
type CountedHit = RawHit & { total: number };

/** The page and total of rows that carry the total in a column; an empty page past the first needs a count of its own. */
async function countedPage(rows: CountedHit[], offset: number, count: () => Promise<number>): Promise<RankedPage> {
  const total = rows.length ? Number(rows[0].total) : offset > 0 ? await count() : 0;
  return { hits: rows.map(({ total: _, ...hit }) => hit), total };
}

const sqliteAdapter: SearchAdapter = {
  async search(db, query, filters, limit, offset) {
    const match = fts5Match(query, filters);
    // bm25 (title weighted 8:1, set as the table's rank) is negative: closer to zero is worse. Dividing by
    // (1 + age in years / 3) moves older items down without burying a much better match. Highlights and
    // the snippet are made for the page's rows only: each is one rowid lookup in the index.
    const { rows } = await sql<CountedHit>`
      with recent as materialized (
        select f.rowid as id, f.rank as rank from search_fts f
        where search_fts match ${match}
        order by f.rowid desc limit ${RANKED_WINDOW}
      ),
      top as (select id, rank from recent order by rank limit ${CANDIDATES}),
      page as (
        select d.id, d.kind, d.ref_id, d.url, d.date,
          top.rank / (1.0 + max(0.0, julianday('now') - coalesce(julianday(d.date), julianday('now') - 730)) / 1095.0) as score
        from top join search_documents d on d.id = top.id
        order by score, d.id desc limit ${limit} offset ${offset}
      )
      select page.id, page.kind, page.ref_id, page.url, page.date,
        highlight(search_fts, 0, ${MARK_START}, ${MARK_END}) as title,
        snippet(search_fts, 1, ${MARK_START}, ${MARK_END}, '…', 28) as snippet,
        (select count(*) from recent) as total
      from page cross join search_fts on search_fts.rowid = page.id
      where search_fts match ${match}
      order by page.score, page.id desc`.execute(db);
    return countedPage(rows, offset, () => sqliteAdapter.count(db, query, filters, RANKED_WINDOW));
  },
  async count(db, query, filters, cap) {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from (select 1 from search_fts where search_fts match ${fts5Match(query, filters)} limit ${cap})`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
};

function tsquery(query: ParsedQuery): RawBuilder<unknown> {
  const { websearch, prefix } = toPostgresQuery(query);
  if (websearch && prefix) return sql`(websearch_to_tsquery('english', ${websearch}) && to_tsquery('english', ${prefix}))`;
  if (prefix) return sql`to_tsquery('english', ${prefix})`;
  return sql`websearch_to_tsquery('english', ${websearch})`;
}

/**
 * For a query with phrases, the same words without their order, as a second condition. It filters
 * nothing (a phrase implies its words), but PostgreSQL estimates a phrase as if it were its words
 * alone and so expected rare phrases of common words to be everywhere: it walked the primary key
 * through the whole table looking for a window that was never filled (650 ms for "copper twin").
 * Two conditions multiply their estimates, and the GIN index is used for those.
 */
function phraseWordsCondition(query: ParsedQuery): RawBuilder<unknown> {
  const words = phraseWords(query);
  return words.length ? sql`and d.tsv @@ plainto_tsquery('english', ${words.join(' ')})` : sql``;
}

/** A lexeme written as a tsquery operand: quoted, so the space inside a word pair is part of it. */
function quotedLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The words of a phrase that must stand next to each other (a trailing prefix is matched by the tsvector). */
function phraseText(part: QueryPart): string {
  return (part.prefix ? part.words.slice(0, -1) : part.words).join(' ');
}

/**
 * Which rows can be in the window: the tsquery's condition on `tsv`, plus the adjacent word pairs the
 * query's phrases imply ("supply cobalt" needs the pair "suppli cobalt") on the `pairs` column
 * (migration 0014). GIN has no positions, so a phrase alone was tested against the tsvector of every
 * document holding its words (a quarter of the index for two common words); a pair is looked up like
 * a word, and the planner knows how rare it is. A phrase of exactly two words that are not stop words
 * is its pair, so it leaves the tsv condition altogether and no tsvector is read to find the window.
 * The pairs come from the database's own parser and stemmer in one small statement first, so that
 * the main query is planned with them as constants.
 */
async function windowCondition(db: Kysely<Database>, query: ParsedQuery): Promise<RawBuilder<unknown>> {
  const phrases = query.include.filter((p) => p.words.length - (p.prefix ? 1 : 0) > 1);
  if (!phrases.length) return sql`d.tsv @@ ${tsquery(query)}`;
  const { rows } = await sql<{ pairs: string[]; exact: boolean }>`
    select array(select p.lexeme from unnest(v) as p) as pairs, array_length(tsvector_to_array(w), 1) = 2 and length(v) = 1 as exact
    from unnest(${phrases.map(phraseText)}::text[]) with ordinality as t(phrase, n),
      lateral to_tsvector('english', t.phrase) as w, lateral search_word_pairs(w) as v
    order by t.n`.execute(db);
  const pairs = [...new Set(rows.flatMap((r) => r.pairs))];
  // A phrase whose words are all kept apart by stop words ("state of the art") has no pairs: its words condition remains.
  if (!pairs.length) return sql`d.tsv @@ ${tsquery(query)} ${phraseWordsCondition(query)}`;
  const replaced = new Set(phrases.filter((p, i) => !p.prefix && rows[i]?.exact));
  const rest: ParsedQuery = { include: query.include.filter((p) => !replaced.has(p)), exclude: query.exclude };
  const pairsCondition = sql`d.pairs @@ ${pairs.map(quotedLexeme).join(' & ')}::tsquery`;
  return rest.include.length || rest.exclude.length ? sql`d.tsv @@ ${tsquery(rest)} and ${pairsCondition}` : pairsCondition;
}

const HEADLINE_TITLE = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`;
const HEADLINE_BODY = `MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … ", StartSel=${MARK_START}, StopSel=${MARK_END}`;

const postgresAdapter: SearchAdapter = {
  async search(db, query, filters, limit, offset) {
    // The tsquery is written out where it is used rather than computed once in a CTE: a parameter of an
    // unnamed statement is a constant to the planner, so it estimates how many rows match. For a common
    // word it then walks the primary key backwards and stops at the window (about 20 ms on 100,000
    // documents); behind a CTE it guessed 500 matches and ranked every match's tsvector (up to 700 ms).
    // The window holds ids only: with the tsvectors in it, its sort spilled to disk.
    const q = tsquery(query);
    const window = await windowCondition(db, query);
    const { rows } = await sql<CountedHit>`
      with recent as materialized (
        select d.id from search_documents d
        where ${window} ${filterSql(filters)}
        order by d.id desc limit ${RANKED_WINDOW}
      ),
      top as (
        select d.id, ts_rank(d.tsv, ${q}) as rank from recent join search_documents d on d.id = recent.id
        order by rank desc limit ${CANDIDATES}
      ),
      page as (
        select d.id, d.kind, d.ref_id, d.url, d.date, d.title, d.body,
          top.rank / (1.0 + greatest(0.0, extract(epoch from now() - coalesce(d.date::timestamptz, now() - interval '730 days')) / 86400.0) / 1095.0) as score
        from top join search_documents d on d.id = top.id
        order by score desc, d.id desc limit ${limit} offset ${offset}
      )
      select page.id, page.kind, page.ref_id, page.url, page.date,
        ts_headline('english', page.title, ${q}, ${HEADLINE_TITLE}) as title,
        ts_headline('english', left(page.body, 20000), ${q}, ${HEADLINE_BODY}) as snippet,
        (select count(*) from recent) as total
      from page
      order by page.score desc, page.id desc`.execute(db);
    return countedPage(rows, offset, () => postgresAdapter.count(db, query, filters, RANKED_WINDOW));
  },
  async count(db, query, filters, cap) {
    const window = await windowCondition(db, query);
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from (select 1 from search_documents d where ${window} ${filterSql(filters)} limit ${cap}) as matches`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
};

/** For the benchmark's reference query, which finds and ranks the window exactly as `search` does. */
export { tsquery as postgresTsquery, windowCondition as postgresWindowCondition };

/** The adapter for the engine behind `db`. */
export function searchAdapter(db: Kysely<any>): SearchAdapter {
  return dialectOf(db) === 'postgres' ? postgresAdapter : sqliteAdapter;
}

/** Body text is capped before indexing: PostgreSQL refuses tsvectors over 1 MB, and nobody reads past this in a snippet. */
export const MAX_INDEXED_BODY = 100_000;
