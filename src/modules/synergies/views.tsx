import { DocumentList } from '../library/views.js';
import { counted } from '../../lib/plural.js';
import type { LibraryDocument } from '../library/service.js';
import { Breadcrumbs, CsrfField } from '../../web/components/index.js';
import { formatDate } from '../../lib/time.js';
import type { HubEvent } from '../events/service.js';
import type { NewsPost } from '../news/service.js';
import type { Project } from '../directory/service.js';
import { countryName } from '../../lib/countries.js';
import { baseMap, ISO_NUMERIC, MAP_HEIGHT, MAP_WIDTH } from './map.js';
import {
  type JoinCandidate,
  type MapData,
  type MapFilters,
  pairKey,
  type RelatedEntry,
  STAGE_LABELS,
  type SynergyMatrix,
  type Topic,
  type TopicPost,
  VALUE_CHAIN_STAGES,
} from './service.js';

const ACTIVITY_TYPES: Record<string, string> = {
  HES: 'Higher education',
  REC: 'Research organisation',
  PRC: 'Company',
  PUB: 'Public body',
  OTH: 'Other',
};

export function CordisCredit() {
  return <p class="small">Source: CORDIS, European Commission (CC BY 4.0), and the projects’ own pages.</p>;
}

/** The "related projects" section of a project page: members and known projects, with the terms they share. */
export function RelatedProjectsSection(props: { related: RelatedEntry[]; headingLevel?: 2 | 3 }) {
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section aria-labelledby="related-projects" class="related-projects">
      <Heading id="related-projects">Related projects</Heading>
      {props.related.length === 0 ? (
        <p>No related projects found yet.</p>
      ) : (
        <ol class="related-list">
          {props.related.map((r) => (
            <li>
              <a href={r.url} rel={r.kind === 'known' ? 'external' : undefined}>
                {r.acronym}
              </a>{' '}
              <span class="small">{r.kind === 'member' ? 'member project' : 'known project (CORDIS)'}</span>
              {r.title && <span class="related-title"> — {r.title}</span>}
              {r.terms.length > 0 && (
                <>
                  <br />
                  <span class="small">Shared: {r.terms.join(', ')}</span>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <CordisCredit />
    </section>
  );
}

function shortLabel(p: Project): string {
  return p.acronym;
}

/** Members placed on a circle, an edge per related pair, thicker when more related. Decorative twin of the table. */
export function NetworkSvg(props: { matrix: SynergyMatrix }) {
  const { members, similarity } = props.matrix;
  const width = 700;
  const height = 540;
  const r = 200;
  const pos = new Map(members.map((m, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, members.length) - Math.PI / 2;
    return [m.id, { x: Math.round((width / 2 + r * Math.cos(a)) * 10) / 10, y: Math.round((height / 2 + r * Math.sin(a)) * 10) / 10, a }];
  }));
  // each member's three strongest links, so the drawing stays readable
  const strongest = new Set<string>();
  for (const m of members) {
    members
      .filter((o) => o.id !== m.id)
      .map((o) => ({ key: pairKey(m.id, o.id), score: similarity.get(pairKey(m.id, o.id)) ?? 0 }))
      .filter((e) => e.score > 0)
      .sort((x, y) => y.score - x.score)
      .slice(0, 3)
      .forEach((e) => strongest.add(e.key));
  }
  const edges: { a: number; b: number; score: number }[] = [];
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const key = pairKey(members[i].id, members[j].id);
      if (strongest.has(key)) edges.push({ a: members[i].id, b: members[j].id, score: similarity.get(key) ?? 0 });
    }
  }
  const max = Math.max(0.0001, ...edges.map((e) => e.score));
  return (
    // A group, not an image: its dots are links to the projects, and an image's content is hidden from screen readers.
    <svg class="network" viewBox={`0 0 ${width} ${height}`} role="group" aria-labelledby="network-title" aria-describedby="network-desc" width="100%">
      <title id="network-title">Network of member projects</title>
      <desc id="network-desc">
        Each member project is a dot on a circle; a line joins each project to the three members whose texts are most related to it, thicker when more related. The table above holds the shared topics of every pair.
      </desc>
      <g class="edges">
        {edges.map((e) => {
          const p = pos.get(e.a)!;
          const q = pos.get(e.b)!;
          return <line x1={p.x} y1={p.y} x2={q.x} y2={q.y} stroke-width={(0.5 + (5 * e.score) / max).toFixed(1)} />;
        })}
      </g>
      <g class="nodes">
        {members.map((m) => {
          const p = pos.get(m.id)!;
          const right = Math.cos(p.a) >= 0;
          return (
            <a href={m.url}>
              <circle cx={p.x} cy={p.y} r="7" />
              <text x={p.x + (right ? 11 : -11)} y={p.y + 4} text-anchor={right ? 'start' : 'end'}>
                {shortLabel(m)}
              </text>
            </a>
          );
        })}
      </g>
    </svg>
  );
}

export function SynergiesView(props: { matrix: SynergyMatrix; isAdmin: boolean }) {
  const { members, topics, shared } = props.matrix;
  return (
    <div class="container">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { label: 'Synergies' }]} />
      <h1>Synergies</h1>
      <p class="lead">Topics the member projects share, found in their own texts: descriptions, tags, CORDIS deliverables, reports and science labels.</p>
      {props.isAdmin && (
        <p>
          <a href="/synergies/could-join">Projects that could join the cluster</a>
        </p>
      )}
      <section aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">Shared topics between members</h2>
        {members.length < 2 ? (
          <p>There are not enough member projects to compare yet.</p>
        ) : (
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="matrix-caption">
            <table class="matrix">
              <caption id="matrix-caption">Topics shared by each pair of member projects (row × column)</caption>
              <thead>
                <tr>
                  <td></td>
                  {members.map((m) => (
                    <th scope="col">
                      <a href={m.url}>{m.acronym}</a>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {members.map((row) => (
                  <tr>
                    <th scope="row">
                      <a href={row.url}>{row.acronym}</a>
                    </th>
                    {members.map((col) => {
                      if (col.id === row.id) return <td class="self"><span class="visually-hidden">same project</span>—</td>;
                      const list = shared.get(pairKey(row.id, col.id)) ?? [];
                      return (
                        <td class={list.length ? 'has-topics' : undefined}>
                          {list.length ? (
                            <ul class="plain-list">
                              {list.slice(0, 3).map((t) => (
                                <li>
                                  <a href={`/topics/${t.slug}`}>{t.label}</a>
                                </li>
                              ))}
                              {list.length > 3 && <li class="small">+{list.length - 3} more</li>}
                            </ul>
                          ) : (
                            <span class="small">none</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="network-heading">
        <h2 id="network-heading">Network view</h2>
        <NetworkSvg matrix={props.matrix} />
      </section>
      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">All shared topics</h2>
        {topics.length === 0 ? (
          <p>No shared topics yet.</p>
        ) : (
          <ul class="topic-cloud">
            {topics.map((t) => (
              <li>
                <a href={`/topics/${t.slug}`}>{t.label}</a> <span class="small">({counted(t.projectIds.length, 'project')})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <CordisCredit />
    </div>
  );
}

export function CouldJoinView(props: { candidates: JoinCandidate[] }) {
  return (
    <div class="container">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { href: '/synergies', label: 'Synergies' }, { label: 'Projects that could join' }]} />
      <h1>Projects that could join</h1>
      <p class="lead">Known projects (imported from CORDIS) whose texts are most related to the member projects.</p>
      {props.candidates.length === 0 ? (
        <p>
          No known projects yet. Import the CORDIS open data with <code>cluster-hub import-cordis PATH</code>.
        </p>
      ) : (
        <table>
          <caption class="visually-hidden">Candidate projects, most related first</caption>
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Related to</th>
              <th scope="col">Shared terms</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {props.candidates.map((c) => (
              <tr>
                <th scope="row">
                  <a href={c.url} rel="external">
                    {c.acronym}
                  </a>
                  <br />
                  <span class="small">{c.title}</span>
                </th>
                <td>{c.relatedTo.join(', ')}</td>
                <td>{c.terms.join(', ')}</td>
                <td>{c.score.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CordisCredit />
    </div>
  );
}

export function TopicView(props: {
  topic: Topic;
  projects: Project[];
  documents: LibraryDocument[];
  known: RelatedEntry[];
  events: HubEvent[];
  news: NewsPost[];
  thread: TopicPost[] | null;
  csrfToken: string | null;
  error?: string;
  body?: string;
}) {
  const { topic } = props;
  return (
    <div class="container">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { href: '/synergies', label: 'Synergies' }, { label: topic.label }]} />
      <h1>
        Topic: {topic.label}
      </h1>
      <section aria-labelledby="topic-projects">
        <h2 id="topic-projects">Member projects</h2>
        <ul>
          {props.projects.map((p) => (
            <li>
              <a href={p.url}>{p.acronym}</a> — {p.title}
            </li>
          ))}
        </ul>
        {props.known.length > 0 && (
          <>
            <h3>Known projects on this topic</h3>
            <ul>
              {props.known.map((k) => (
                <li>
                  <a href={k.url} rel="external">
                    {k.acronym}
                  </a>{' '}
                  {k.title}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="topic-events">
        <h2 id="topic-events">Events</h2>
        {props.events.length ? (
          <ul>
            {props.events.map((e) => (
              <li>
                <a href={`/events/${e.slug}`}>{e.title}</a> <span class="small">{formatDate(e.startsAt, e.timezone)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>No events of these projects yet.</p>
        )}
      </section>
      <section aria-labelledby="topic-news">
        <h2 id="topic-news">News</h2>
        {props.news.length ? (
          <ul>
            {props.news.map((n) => (
              <li>
                <a href={`/news/${n.slug}`}>{n.title}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>No news of these projects yet.</p>
        )}
      </section>
      <section aria-labelledby="topic-documents">
        <h2 id="topic-documents">Documents</h2>
        {props.documents.length ? <DocumentList documents={props.documents} headingLevel={3} /> : <p>No documents of these projects in the library yet.</p>}
      </section>
      <section aria-labelledby="topic-discussion">
        <h2 id="topic-discussion">Discussion</h2>
        {props.thread === null ? (
          <p>
            The discussion is for members of the hub. <a href={`/sign-in?next=${encodeURIComponent(`/topics/${topic.slug}`)}`}>Sign in</a> to read and take part.
          </p>
        ) : (
          <>
            {props.thread.length === 0 && <p>No posts yet. Start the discussion.</p>}
            <ol class="thread">
              {props.thread.map((post) => (
                <li>
                  <PostView post={post} />
                  {post.replies.length > 0 && (
                    <ol class="replies">
                      {post.replies.map((reply) => (
                        <li>
                          <PostView post={reply} />
                        </li>
                      ))}
                    </ol>
                  )}
                  {props.csrfToken && <PostForm slug={topic.slug} token={props.csrfToken} parentId={post.id} label={`Reply to ${post.authorName}`} />}
                </li>
              ))}
            </ol>
            {props.csrfToken && <PostForm slug={topic.slug} token={props.csrfToken} parentId={null} label="New post" error={props.error} body={props.body} />}
          </>
        )}
      </section>
      <CordisCredit />
    </div>
  );
}

function PostView(props: { post: TopicPost }) {
  return (
    <article class="post" aria-label={`Post by ${props.post.authorName}`}>
      <p class="small">
        <strong>{props.post.authorName}</strong> · <time dateTime={props.post.createdAt}>{formatDate(props.post.createdAt)}</time>
      </p>
      {props.post.body.split(/\n{2,}/).map((para) => (
        <p>{para}</p>
      ))}
    </article>
  );
}

function PostForm(props: { slug: string; token: string; parentId: number | null; label: string; error?: string; body?: string }) {
  const id = props.parentId === null ? 'post-body' : `reply-body-${props.parentId}`;
  return (
    <form method="post" action={`/topics/${props.slug}/posts`} class={props.parentId === null ? 'post-form' : 'reply-form'}>
      <CsrfField token={props.token} />
      {props.parentId !== null && <input type="hidden" name="parentId" value={String(props.parentId)} />}
      <div class={`field${props.error ? ' field-error' : ''}`}>
        <label for={id}>{props.label}</label>
        {props.error && (
          <p class="error-message" id={`${id}-error`}>
            <span class="visually-hidden">Error:</span> {props.error}
          </p>
        )}
        <textarea id={id} name="body" rows={props.parentId === null ? 5 : 2} required maxLength={5000} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${id}-error` : undefined}>
          {props.body ?? ''}
        </textarea>
      </div>
      <button type="submit">{props.parentId === null ? 'Post' : 'Reply'}</button>
    </form>
  );
}

const CHOROPLETH = ['#e6f2f4', '#b4dbe2', '#6fb7c4', '#2f8799', '#0b5d6b'];

function choroplethClass(count: number, max: number): string {
  if (count <= 0) return '#f3f6f8';
  const i = Math.min(CHOROPLETH.length - 1, Math.floor(((count - 1) / Math.max(1, max)) * CHOROPLETH.length));
  return CHOROPLETH[i];
}

export function MapView(props: { data: MapData; filters: MapFilters }) {
  const { data, filters } = props;
  const map = baseMap();
  const byNumeric = new Map<string, string>();
  for (const [alpha, numeric] of Object.entries(ISO_NUMERIC)) byNumeric.set(numeric, alpha);
  const max = Math.max(0, ...data.countries.values());
  const located = data.points.flatMap((p) => {
    const xy = map.project(p.lon, p.lat);
    return xy ? [{ p, xy }] : [];
  });
  return (
    <div class="container">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { label: 'Map' }]} />
      <h1>Map of the cluster</h1>
      <p class="lead">Organisations of the member projects across Europe, by country and value-chain stage.</p>
      <form method="get" action="/map" class="filters" aria-label="Filter the map">
        <div class="field">
          <label for="f-project">Project</label>
          <select id="f-project" name="project">
            <option value="">All projects</option>
            {data.projects.map((p) => (
              <option value={p.slug} selected={filters.project === p.slug}>
                {p.acronym}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-country">Country</label>
          <select id="f-country" name="country">
            <option value="">All countries</option>
            {data.allCountries.map((c) => (
              <option value={c} selected={filters.country === c}>
                {countryName(c)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-type">Organisation type</label>
          <select id="f-type" name="type">
            <option value="">All types</option>
            {Object.entries(ACTIVITY_TYPES).map(([code, label]) => (
              <option value={code} selected={filters.type === code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-stage">Value-chain stage</label>
          <select id="f-stage" name="stage">
            <option value="">All stages</option>
            {VALUE_CHAIN_STAGES.map((s) => (
              <option value={s} selected={filters.stage === s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show</button> <a href="/map">Clear filters</a>
      </form>
      <p role="status">
        {counted(data.points.length, 'organisation')} shown
        {data.unlocated > 0 && `, ${data.unlocated} without a known location`}.
      </p>
      <div class="map-layout">
        <figure class="map-figure">
          <svg viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-labelledby="map-title map-desc" width="100%" class="europe-map">
            <title id="map-title">Map of Europe with the organisations of the member projects</title>
            <desc id="map-desc">Countries are shaded by the number of organisations shown; each dot is an organisation. The table beside the map lists the same organisations.</desc>
            <rect width={MAP_WIDTH} height={MAP_HEIGHT} class="sea" />
            <g class="countries">
              {map.countries.map((c) => {
                const alpha = byNumeric.get(c.id);
                const count = alpha ? (data.countries.get(alpha) ?? 0) : 0;
                return (
                  <path d={c.d} fill={choroplethClass(count, max)}>
                    <title>{`${c.name}: ${counted(count, 'organisation')}`}</title>
                  </path>
                );
              })}
            </g>
            <g class="points">
              {located.map(({ p, xy }) => (
                <circle cx={xy[0]} cy={xy[1]} r="6">
                  <title>{`${p.organisation} (${p.city ?? countryName(p.country)}) — ${p.projects.map((x) => x.acronym).join(', ')}`}</title>
                </circle>
              ))}
            </g>
          </svg>
          <figcaption>
            <ul class="legend" aria-label="Legend">
              <li>
                <span class="swatch point" aria-hidden="true"></span> organisation
              </li>
              <li>
                <span class="swatch fewer" aria-hidden="true"></span> fewer
                <span class="swatch more" aria-hidden="true"></span> more organisations in the country
              </li>
            </ul>
            <span class="small">Country shapes: Natural Earth via world-atlas. Organisations: CORDIS, European Commission and the projects.</span>
          </figcaption>
        </figure>
        <div class="map-table table-scroll" tabIndex={0} role="region" aria-labelledby="map-table-caption">
          <table>
            <caption id="map-table-caption">Organisations shown on the map</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Place</th>
                <th scope="col">Type</th>
                <th scope="col">Projects</th>
                <th scope="col">Stages</th>
              </tr>
            </thead>
            <tbody>
              {data.points.map((p) => (
                <tr>
                  <th scope="row">{p.organisation}</th>
                  <td>{[p.city, countryName(p.country)].filter(Boolean).join(', ')}</td>
                  <td>{p.activityType ? (ACTIVITY_TYPES[p.activityType] ?? p.activityType) : '—'}</td>
                  <td>
                    {p.projects.map((x, i) => (
                      <>
                        {i > 0 && ', '}
                        <a href={`/projects/${x.slug}`}>{x.acronym}</a>
                        {x.role === 'coordinator' && ' (coordinator)'}
                      </>
                    ))}
                  </td>
                  <td>{p.stages.map((s) => STAGE_LABELS[s]).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 class="h4">Organisations per country</h2>
          <ul class="plain-list">
            {[...data.countries].sort((a, b) => b[1] - a[1]).map(([c, n]) => (
              <li>
                {countryName(c)}: {n}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <CordisCredit />
    </div>
  );
}
