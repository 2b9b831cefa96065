// How each kind of content reads in the search index. Pure functions with type-only imports, so
// the modules that own the content can call them on change without an import cycle.
import type { Organisation, Person, Project } from '../directory/service.js';
import type { HubEvent, ProgrammeItem } from '../events/service.js';
import type { NewsPost } from '../news/service.js';
import type { SearchDocumentInput } from './service.js';
import { countryName } from '../../lib/countries.js';

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n');

export function newsDocument(post: NewsPost): SearchDocumentInput {
  return {
    kind: 'news',
    refId: post.id,
    url: post.url,
    title: post.title,
    body: join(post.summary, post.bodyMd, post.tags.join(' ')),
    projectId: post.projectId,
    eventId: post.eventId,
    date: post.publishedAt,
  };
}

export function eventDocument(event: HubEvent, projectId: number | null): SearchDocumentInput {
  return {
    kind: 'event',
    refId: event.id,
    url: event.url,
    title: event.title,
    body: join(event.summary, event.descriptionMd, event.organisers, event.venueName, event.city, countryName(event.country), event.topics.join(' '), event.tags.join(' ')),
    projectId,
    eventId: event.id,
    date: event.startsAt,
  };
}

/** A session, talk or panel: its title, description and the names of everyone on it. */
export function programmeItemDocument(event: HubEvent, item: ProgrammeItem): SearchDocumentInput {
  const people = item.people.map((p) => join([p.honorific, p.name].filter(Boolean).join(' '), p.jobTitle, p.affiliation, p.representing).replace(/\n/g, ', '));
  return {
    kind: 'programme_item',
    refId: item.id,
    url: `${event.url}#slot-${item.id}`,
    title: item.title,
    body: join(item.description, people.join('\n'), event.title),
    eventId: event.id,
    date: item.startsAt ?? event.startsAt,
  };
}

export function projectDocument(project: Project): SearchDocumentInput {
  return {
    kind: 'project',
    refId: project.id,
    url: project.url,
    title: `${project.acronym} — ${project.title}`,
    body: join(project.summary, project.descriptionMd, project.coordinatorName, project.callTopic, project.grantId, [...project.metals, ...project.resources, ...project.technologies, ...project.tags].join(' ')),
    projectId: project.id,
    date: project.startDate,
  };
}

export function organisationDocument(organisation: Organisation, project: Project | undefined): SearchDocumentInput {
  return {
    kind: 'organisation',
    refId: organisation.id,
    url: project?.url ?? '/projects',
    title: organisation.shortName ? `${organisation.name} (${organisation.shortName})` : organisation.name,
    body: join(organisation.city, countryName(organisation.country), organisation.valueChainStage, project && `Partner in ${project.acronym}`),
    projectId: project?.id ?? null,
  };
}

/** Where a person appears: the programme slots they speak at or moderate. */
export interface Appearance {
  event: HubEvent;
  item: ProgrammeItem;
  role: string;
}

export function personDocument(person: Person, appearances: Appearance[], project: Project | undefined): SearchDocumentInput {
  const first = appearances[0];
  return {
    kind: 'person',
    refId: person.id,
    url: first ? `${first.event.url}#slot-${first.item.id}` : (project?.url ?? '/projects'),
    title: [person.honorific, person.name].filter(Boolean).join(' '),
    body: join(person.jobTitle, person.affiliation, ...appearances.map((a) => `${a.role} — ${a.item.title} (${a.event.title})`)),
    projectId: person.projectId,
    eventId: first?.event.id ?? null,
    date: first?.event.startsAt ?? null,
  };
}
