import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { enqueueJob } from '../../lib/jobs.js';
import { extensionPoint } from '../../lib/modules.js';
import { CANDIDATES, facetWords, MARK_END, MARK_START, MAX_INDEXED_BODY, type SearchFilters, searchAdapter } from './adapters.js';
import { formatQuery, type ParsedQuery, parseQuery } from './query.js';

/**
 * People and organisations read like what several modules hold (programmes, partnerships), so the
 * module that changes one queues its re-indexing rather than calling back into search: the job runs
 * with the rest of the background work, in the same commit as the change that caused it.
 */
export const REINDEX_JOBS = { people: 'search.reindex-people', organisations: 'search.reindex-organisations' } as const;

/**
 * What a module puts in the search index. Content a module owns it indexes itself as it saves (indexDocument in the
 * same commit); a source adds the full list for a rebuild, and says which changes signalled by other modules
 * (queuePeopleReindex, queueOrganisationsReindex: jobs) make some of its entries stale, and how to refresh them.
 */
export interface SearchSource {
  entries(db: Kysely<Database>): Promise<SearchDocumentInput[]>;
  refresh?: Partial<Record<keyof typeof REINDEX_JOBS, (db: Kysely<Database>, ids: number[], options: { programmeItems?: boolean }) => Promise<void>>>;
}

export const SEARCH_SOURCES = extensionPoint<SearchSource>('search.sources');

/** The projects a search can be narrowed to: `list` offers the choice, `find` resolves a project named in the address. */
export interface SearchProjects {
  list(db: Kysely<Database>): Promise<{ slug: string; acronym: string }[]>;
  find(db: Kysely<Database>, slug: string): Promise<{ id: number } | null>;
}

export const SEARCH_PROJECTS = extensionPoint<SearchProjects>('search.projects');

/** Queues the re-indexing of these people; with `programmeItems`, also of the sessions and talks that name them. */
export async function queuePeopleReindex(db: Kysely<Database>, ids: number[], options: { programmeItems?: boolean } = {}): Promise<void> {
  if (ids.length) await enqueueJob(db, REINDEX_JOBS.people, { ids: [...new Set(ids)], programmeItems: options.programmeItems ?? false });
}

export async function queueOrganisationsReindex(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length) await enqueueJob(db, REINDEX_JOBS.organisations, { ids: [...new Set(ids)] });
}

export const SEARCH_KINDS = ['news', 'event', 'programme_item', 'project', 'person', 'organisation', 'document'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  news: 'News',
  event: 'Events',
  programme_item: 'Programme items',
  project: 'Projects',
  person: 'People',
  organisation: 'Organisations',
  document: 'Documents',
};

/** One findable thing, as the module that owns it describes it. */
export interface SearchDocumentInput {
  kind: SearchKind;
  refId: number;
  url: string;
  title: string;
  body?: string;
  projectId?: number | null;
  eventId?: number | null;
  date?: string | null;
}

const VOCABULARY_SOURCE_CHARS = 600;

/** Words for "did you mean": letters only, long enough to be worth correcting. */
function vocabularyOf(doc: SearchDocumentInput): string[] {
  const text = `${doc.title} ${(doc.body ?? '').slice(0, VOCABULARY_SOURCE_CHARS)}`.normalize('NFKC').toLowerCase();
  return [...new Set(text.match(/\p{L}{3,30}/gu) ?? [])].slice(0, 120);
}

/**
 * Adds or replaces one entry of the search index. Modules call it whenever something they own is
 * published or changed, so search answers from one table whatever the content type.
 */
export async function indexDocument(db: Kysely<Database>, doc: SearchDocumentInput): Promise<void> {
  // The highlight markers must not occur in indexed text, or content could fake a highlight.
  const clean = (text: string) => text.replace(/[\uE000\uE001]/g, '');
  const values = {
    url: doc.url,
    title: clean(doc.title),
    body: clean((doc.body ?? '').slice(0, MAX_INDEXED_BODY)),
    project_id: doc.projectId ?? null,
    event_id: doc.eventId ?? null,
    date: doc.date ?? null,
    facets: facetWords(doc).join(' '),
  };
  await db
    .insertInto('search_documents')
    .values({ kind: doc.kind, ref_id: doc.refId, ...values })
    .onConflict((oc) => oc.columns(['kind', 'ref_id']).doUpdateSet(values))
    .execute();
  const terms = vocabularyOf(doc);
  if (terms.length) {
    await db
      .insertInto('search_terms')
      .values(terms.map((term) => ({ term, freq: 1 })))
      .onConflict((oc) => oc.column('term').doUpdateSet((eb) => ({ freq: eb('search_terms.freq', '+', 1) })))
      .execute();
  }
}

/** Takes something out of the index (unpublished, deleted). */
export async function removeDocument(db: Kysely<Database>, kind: SearchKind, refId: number): Promise<void> {
  await db.deleteFrom('search_documents').where('kind', '=', kind).where('ref_id', '=', refId).execute();
}

/** Takes out every entry of one kind that belongs to an event (e.g. its programme items before they are re-saved). */
export async function removeDocumentsOfEvent(db: Kysely<Database>, kind: SearchKind, eventId: number): Promise<void> {
  await db.deleteFrom('search_documents').where('kind', '=', kind).where('event_id', '=', eventId).execute();
}

/** The ids of one kind's entries that point at an event (e.g. people whose first appearance is there). */
export async function indexedRefIds(db: Kysely<Database>, kind: SearchKind, eventId: number): Promise<number[]> {
  const rows = await db.selectFrom('search_documents').select('ref_id').where('kind', '=', kind).where('event_id', '=', eventId).execute();
  return rows.map((r) => Number(r.ref_id));
}

/** Empties the index before a full rebuild. */
export async function clearIndex(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('search_documents').execute();
  await db.deleteFrom('search_terms').execute();
}

export interface TextSegment {
  text: string;
  match: boolean;
}

/** Splits engine output with MARK_START/MARK_END into plain segments: the view escapes each, so no markup from content survives. */
export function segments(marked: string): TextSegment[] {
  const out: TextSegment[] = [];
  let match = false;
  for (const piece of marked.split(new RegExp(`([${MARK_START}${MARK_END}])`, 'u'))) {
    if (piece === MARK_START) match = true;
    else if (piece === MARK_END) match = false;
    else if (piece) out.push({ text: piece, match });
  }
  return out;
}

export interface SearchHit {
  kind: SearchKind;
  refId: number;
  url: string;
  date: string | null;
  title: TextSegment[];
  snippet: TextSegment[];
}

export interface SearchRequest {
  q: string;
  kind?: SearchKind | '';
  projectId?: number;
  eventId?: number;
  year?: number;
  page: number;
  pageSize?: number;
}

export interface SearchResults {
  q: string;
  hits: SearchHit[];
  /** Matches counted up to COUNT_CAP; `totalCapped` says there are more. */
  total: number;
  totalCapped: boolean;
  page: number;
  pageCount: number;
  /** A corrected query that finds something, offered when this one finds nothing. */
  suggestion?: string;
  /** Said to the person when their query was changed or cannot be run. */
  notice?: string;
}

export const SEARCH_PAGE_SIZE = 10;
const COUNT_CAP = 1000;

/**
 * Searches everything the hub has published: ranked by relevance and recency, with highlighted
 * titles and excerpts, counted up to a cap. Never throws on what a person types.
 */
export async function search(db: Kysely<Database>, request: SearchRequest): Promise<SearchResults> {
  const pageSize = request.pageSize ?? SEARCH_PAGE_SIZE;
  const empty: SearchResults = { q: request.q, hits: [], total: 0, totalCapped: false, page: request.page, pageCount: 0 };
  const query = parseQuery(request.q);
  if (!query.include.length) {
    if (!request.q.trim()) return empty;
    const notice = query.exclude.length
      ? 'Add at least one word to look for: words with a minus in front only leave results out.'
      : 'Type a word or a name to search for: letters and digits, optionally "a phrase in quotes" or a prefix*.';
    return { ...empty, notice };
  }
  const filters: SearchFilters = { kind: request.kind || undefined, projectId: request.projectId, eventId: request.eventId, year: request.year };
  const adapter = searchAdapter(db);
  const offset = (request.page - 1) * pageSize;
  const { total, hits: rows } = await adapter.search(db, query, filters, pageSize, offset);
  const reachable = Math.min(total, CANDIDATES);
  const result: SearchResults = {
    q: request.q,
    hits: rows.map((row) => ({
      kind: row.kind as SearchKind,
      refId: Number(row.ref_id),
      url: row.url,
      date: row.date,
      title: segments(row.title),
      snippet: segments(row.snippet ?? ''),
    })),
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
    page: request.page,
    pageCount: Math.ceil(reachable / pageSize),
    notice: query.notice,
  };
  if (total === 0) result.suggestion = await suggest(db, query, filters);
  return result;
}

/** Edit distance (Levenshtein) with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

async function closestTerm(db: Kysely<Database>, word: string): Promise<string | null> {
  if (word.length < 3 || /\d/.test(word)) return null;
  const known = await db.selectFrom('search_terms').select('term').where('term', '=', word).executeTakeFirst();
  if (known) return null;
  const max = word.length <= 5 ? 1 : 2;
  // Candidates share the first letter: a cheap range on the primary key, good enough for typing mistakes.
  const first = word[0];
  const next = String.fromCodePoint(first.codePointAt(0)! + 1);
  const candidates = await db
    .selectFrom('search_terms')
    .select(['term', 'freq'])
    .where('term', '>=', first)
    .where('term', '<', next)
    .where((eb) => eb(eb.fn('length', ['term']), '>=', word.length - max))
    .where((eb) => eb(eb.fn('length', ['term']), '<=', word.length + max))
    .orderBy('freq', 'desc')
    .limit(5000)
    .execute();
  let best: { term: string; distance: number; freq: number } | null = null;
  for (const c of candidates) {
    const distance = editDistance(word, c.term, max);
    if (distance > max) continue;
    if (!best || distance < best.distance || (distance === best.distance && c.freq > best.freq)) best = { term: c.term, distance, freq: c.freq };
  }
  return best?.term ?? null;
}

/** "Did you mean": each unknown word replaced by the closest known one, offered only if that query finds something. */
async function suggest(db: Kysely<Database>, query: ParsedQuery, filters: SearchFilters): Promise<string | undefined> {
  let changed = false;
  const include = [];
  for (const part of query.include) {
    const words = [];
    for (const word of part.words) {
      const replacement = part.prefix ? null : await closestTerm(db, word);
      if (replacement) changed = true;
      words.push(replacement ?? word);
    }
    include.push({ ...part, words });
  }
  if (!changed) return undefined;
  const corrected: ParsedQuery = { include, exclude: query.exclude };
  const found = await searchAdapter(db).count(db, corrected, filters, 1);
  return found ? formatQuery(corrected) : undefined;
}
