import { countryName } from '../../lib/countries.js';
import type { Person, Project } from '../directory/service.js';
import type { SearchDocumentInput } from '../search/service.js';
import type { HubEvent, ProgrammeItem } from './service.js';

// How events, programme slots and people read in the search index. People are the directory's, but what their
// entries say comes from the programmes they appear in, so this module builds them (search-source.ts).

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n');

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
