import { counted } from '../../lib/plural.js';
import { Breadcrumbs } from '../../web/components/index.js';
import type { Project } from '../directory/service.js';
import {
  type JoinCandidate,
  pairKey,
  type RelatedEntry,
  type SynergyMatrix,
} from './service.js';

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
