/** /map: the member projects' organisations on a map of Europe, with filters and the table the map also reads as. */
import { counted } from '../../lib/plural.js';
import { Breadcrumbs } from '../../web/components/index.js';
import { countryName } from '../../lib/countries.js';
import { baseMap, ISO_NUMERIC, MAP_HEIGHT, MAP_WIDTH } from './map.js';
import {
  type MapData,
  type MapFilters,
  STAGE_LABELS,
  VALUE_CHAIN_STAGES,
} from './service.js';
import { CordisCredit } from './views.js';

const ACTIVITY_TYPES: Record<string, string> = {
  HES: 'Higher education',
  REC: 'Research organisation',
  PRC: 'Company',
  PUB: 'Public body',
  OTH: 'Other',
};

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
