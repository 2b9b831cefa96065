import { countryName } from '../../lib/countries.js';
import type { SearchDocumentInput } from '../search/service.js';
import type { Organisation, Project } from './service.js';

// How projects and organisations read in the search index.

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n');

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
