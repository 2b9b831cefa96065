import { counted } from '../../lib/plural.js';
import { FilterSelect, hrefWith, Pager } from '../../web/components/index.js';
import { SEARCH_KIND_LABELS, SEARCH_KINDS, type SearchHit, type SearchResults, type TextSegment } from './service.js';
import type { SearchQuery } from './schema.js';

/** Text with the matched words in <mark>: every piece goes through JSX escaping, none is raw HTML. */
export function Highlighted(props: { segments: TextSegment[] }) {
  return <>{props.segments.map((s) => (s.match ? <mark>{s.text}</mark> : s.text))}</>;
}

const KIND_NAMES: Record<SearchHit['kind'], string> = {
  news: 'News',
  event: 'Event',
  programme_item: 'Programme',
  project: 'Project',
  person: 'Person',
  organisation: 'Organisation',
  document: 'Document',
};

function Hit(props: { hit: SearchHit }) {
  const { hit } = props;
  return (
    <li class="search-hit">
      <h2 class="search-hit-title">
        <a href={hit.url}><Highlighted segments={hit.title} /></a>
      </h2>
      <p class="card-meta">
        <span class="badge">{KIND_NAMES[hit.kind]}</span>
        {hit.date && <> <time dateTime={hit.date}>{hit.date.slice(0, 10)}</time></>}
      </p>
      {hit.snippet.length > 0 && <p class="search-snippet"><Highlighted segments={hit.snippet} /></p>}
    </li>
  );
}

export function SearchView(props: { results: SearchResults; query: SearchQuery; projects: { slug: string; acronym: string }[] }) {
  const { results, query } = props;
  const params = { q: query.q, type: query.type || undefined, year: query.year ? String(query.year) : undefined, project: query.project || undefined };
  const searched = query.q.trim().length > 0;
  const filtered = Boolean(params.type || params.year || params.project);
  const count = results.totalCapped ? `More than ${counted(results.total, 'result')}` : counted(results.total, 'result');
  return (
    <div class="container">
      <h1>Search</h1>
      <form class="filters search-form" method="get" action="/search" role="search" aria-label="Search the hub">
        <div class="filter filter-wide">
          <label for="search-q">Search for</label>
          <input id="search-q" type="search" name="q" value={query.q.slice(0, 500)} maxLength={10000} aria-describedby="search-hint" />
          <p class="hint" id="search-hint">Every word must appear. Use "quotes" for a phrase, a * for the start of a word (batter*), a minus to leave a word out (-cobalt).</p>
        </div>
        <FilterSelect id="search-type" name="type" label="Show" any="Everything" value={query.type} options={SEARCH_KINDS.map((k) => ({ value: k, label: SEARCH_KIND_LABELS[k] }))} />
        <FilterSelect id="search-project" name="project" label="Project" any="All projects" value={query.project} options={props.projects.map((p) => ({ value: p.slug, label: p.acronym }))} />
        <div class="filter">
          <label for="search-year">Year</label>
          <input id="search-year" name="year" type="number" inputMode="numeric" min={1990} max={2100} value={query.year ? String(query.year) : ''} />
        </div>
        <button type="submit">Search</button>
      </form>
      {results.notice && <p class="note" role="status">{results.notice}</p>}
      {searched && (
        <p role="status" class="result-count">
          {results.total === 0 ? <>Nothing found for “{query.q.slice(0, 200)}”{filtered ? ' with these filters' : ''}.</> : count}
        </p>
      )}
      {results.suggestion && (
        <p class="did-you-mean">
          Did you mean <a href={hrefWith('/search', { ...params, q: results.suggestion })}>{results.suggestion}</a>?
        </p>
      )}
      {results.hits.length > 0 && <ol class="search-results">{results.hits.map((hit) => <Hit hit={hit} />)}</ol>}
      <Pager page={results.page} pageCount={results.pageCount} base="/search" params={params} />
    </div>
  );
}
