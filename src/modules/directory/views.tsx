import type { ComponentChildren } from 'preact';
import { counted } from '../../lib/plural.js';
import { BoxedImage, Breadcrumbs, Card, SafeHtml, Tags } from '../../web/components/index.js';
import { formatDate } from '../../lib/time.js';
import type { Partner, Project } from './service.js';
import { countryName } from '../../lib/countries.js';

export function ProjectCard(props: { project: Project; headingLevel?: 2 | 3 }) {
  const p = props.project;
  return (
    <Card href={p.url} title={p.acronym} headingLevel={props.headingLevel} image={p.logoPath && <BoxedImage src={p.logoPath} alt={`${p.acronym} logo`} kind="logo" />} meta={[p.programme, p.fundingScheme].filter(Boolean).join(' · ')}>
      <p>{p.title}</p>
    </Card>
  );
}

export function ProjectListView(props: { projects: Project[] }) {
  return (
    <div class="container">
      <h1>Member projects</h1>
      <p class="lead">The {counted(props.projects.length, 'EU-funded project')} that form{props.projects.length === 1 ? 's' : ''} the hub, from ore and brine to recycled battery materials.</p>
      <div class="card-grid">{props.projects.map((p) => <ProjectCard project={p} headingLevel={2} />)}</div>
    </div>
  );
}

/** A project's page; `sections` are what other modules add below the description (PROJECT_PAGE_MAIN). */
export function ProjectView(props: { project: Project; descriptionHtml: string; partners: Partner[]; sections: ComponentChildren }) {
  const p = props.project;
  return (
    <div class="container">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { href: '/projects', label: 'Projects' }, { label: p.acronym }]} />
      <article aria-labelledby="project-title">
        {p.logoPath && <BoxedImage src={p.logoPath} alt={`${p.acronym} logo`} kind="logo" large eager />}
        <h1 id="project-title">
          {p.acronym} <span class="subtitle">{p.title}</span>
        </h1>
        {p.summary && <p class="lead">{p.summary}</p>}
        <p><a href={`/newsletter/subscribe?project=${p.slug}`}>Follow {p.acronym}’s news and events by e-mail</a></p>
        <div class="event-layout">
          <div class="event-main">
            <SafeHtml html={props.descriptionHtml} />
            {props.sections}
          </div>
          <aside class="event-aside" aria-label="Project facts">
            <dl class="facts">
              <dt>Programme</dt>
              <dd>{[p.programme, p.fundingScheme].filter(Boolean).join(' · ')}</dd>
              {p.grantId && (<><dt>Grant agreement</dt><dd><a href={`https://cordis.europa.eu/project/id/${p.grantId}`} rel="external">{p.grantId}</a></dd></>)}
              {p.callTopic && (<><dt>Call topic</dt><dd>{p.callTopic}</dd></>)}
              {p.startDate && (<><dt>Duration</dt><dd>{formatDate(p.startDate)}{p.endDate && <> – {formatDate(p.endDate)}</>}</dd></>)}
              {p.coordinatorName && (<><dt>Coordinator</dt><dd>{p.coordinatorName}{p.coordinatorCountry && `, ${countryName(p.coordinatorCountry)}`}</dd></>)}
              {p.website && (<><dt>Website</dt><dd><a href={p.website} rel="external">{p.website.replace(/^https?:\/\//, '')}</a></dd></>)}
            </dl>
            {p.metals.length > 0 && (<><h2 class="h4">Metals</h2><Tags tags={p.metals} label="Metals" /></>)}
            {p.resources.length > 0 && (<><h2 class="h4">Resources</h2><Tags tags={p.resources} label="Resources" /></>)}
            {p.technologies.length > 0 && (<><h2 class="h4">Technologies</h2><Tags tags={p.technologies} label="Technologies" /></>)}
            {props.partners.length > 0 && (
              <>
                <h2 class="h4">Partners</h2>
                <ul class="plain-list">{props.partners.map((o) => <li>{o.name}{o.country && ` (${o.country})`}{o.role === 'coordinator' && ' — coordinator'}</li>)}</ul>
              </>
            )}
            <p class="small">Project facts partly from CORDIS. Source: CORDIS, European Commission.</p>
          </aside>
        </div>
      </article>
    </div>
  );
}
