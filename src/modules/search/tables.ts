import type { Generated } from 'kysely';

export interface SearchDocumentsTable {
  id: Generated<number>;
  /** news | event | programme_item | project | person | organisation | document */
  kind: string;
  ref_id: number;
  url: string;
  title: string;
  body: string;
  project_id: number | null;
  event_id: number | null;
  /** ISO date or instant used for recency and the year filter. */
  date: string | null;
  /** The filter values as words, for SQLite FTS5 (see `facetWords`). */
  facets: string;
}

export interface SearchTermsTable {
  term: string;
  freq: number;
}

export interface SearchTables {
  search_documents: SearchDocumentsTable;
  search_terms: SearchTermsTable;
}
