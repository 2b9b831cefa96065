import type { Kysely } from 'kysely';
import { withTransaction } from '../../db/index.js';
import type { Database } from '../../db/types.js';
import { findPersonById, findProjectById, listPartners, listPeople, listProjects, type Partner, type Project } from '../directory/service.js';
import { eventIdsNaming, eventProjectIds, flattenProgramme, getProgramme, listEvents } from '../events/service.js';
import { librarySearchEntries } from '../library/service.js';
import { listNews } from '../news/service.js';
import { clearIndex, indexDocument, removeDocument, type SearchDocumentInput } from './service.js';
import { type Appearance, eventDocument, newsDocument, organisationDocument, personDocument, programmeItemDocument, projectDocument } from './sources.js';

// People and organisations are entries of their own, but what they read like comes from several
// modules (programmes, partnerships), so this file, which may read every module's service, builds
// them both for a full rebuild and when one of them changes.

const ALL = 1_000_000;

/** Where each person speaks or moderates, over every published programme, or only those naming `personIds`. */
async function appearancesByPerson(db: Kysely<Database>, personIds?: number[]): Promise<Map<number, Appearance[]>> {
  const appearances = new Map<number, Appearance[]>();
  const naming = personIds && new Set(await eventIdsNaming(db, personIds));
  for (const event of (await listEvents(db, { when: 'all', page: 1 }, ALL)).events) {
    if (naming && !naming.has(event.id)) continue;
    for (const item of flattenProgramme(await getProgramme(db, event.id))) {
      for (const person of item.people) {
        const list = appearances.get(person.personId) ?? [];
        list.push({ event, item, role: person.role });
        appearances.set(person.personId, list);
      }
    }
  }
  return appearances;
}

/** One entry per organisation that is a partner somewhere, pointing at its first project. */
function organisationEntries(partners: Partner[], projectById: Map<number, Project>): Map<number, SearchDocumentInput> {
  const organisations = new Map<number, SearchDocumentInput>();
  for (const partner of partners) {
    if (!organisations.has(partner.id)) organisations.set(partner.id, organisationDocument(partner, projectById.get(partner.projectId)));
  }
  return organisations;
}

/**
 * Rebuilds the whole search index from what every module has published: after a seed and by
 * `cluster-hub reindex`; otherwise modules keep it current with indexDocument() as content changes.
 */
export async function reindexAll(db: Kysely<Database>): Promise<number> {
  const entries: SearchDocumentInput[] = [];
  const projects = await listProjects(db);
  const projectById = new Map(projects.map((p) => [p.id, p]));
  entries.push(...projects.map(projectDocument));
  entries.push(...(await listNews(db, { page: 1 }, ALL)).posts.map(newsDocument));

  for (const event of (await listEvents(db, { when: 'all', page: 1 }, ALL)).events) {
    // The first organising project, as saving an event indexes it: the project filter must not depend on which ran last.
    entries.push(eventDocument(event, (await eventProjectIds(db, event.id))[0] ?? null));
    for (const item of flattenProgramme(await getProgramme(db, event.id))) entries.push(programmeItemDocument(event, item));
  }
  const appearances = await appearancesByPerson(db);
  for (const person of await listPeople(db)) {
    entries.push(personDocument(person, appearances.get(person.id) ?? [], person.projectId ? projectById.get(person.projectId) : undefined));
  }
  entries.push(...organisationEntries(await listPartners(db), projectById).values());
  entries.push(...(await librarySearchEntries(db)));

  await withTransaction(db, async (trx) => {
    await clearIndex(trx);
    for (const entry of entries) await indexDocument(trx, entry);
  });
  return entries.length;
}

/**
 * Brings the entries of these people up to date (changed details or programme appearances), or takes
 * out the ones deleted. With `programmeItems`, also the entries of the sessions and talks they appear
 * in, which carry their names and affiliations.
 */
export async function reindexPeople(db: Kysely<Database>, personIds: number[], options: { programmeItems?: boolean } = {}): Promise<void> {
  if (!personIds.length) return;
  const appearances = await appearancesByPerson(db, personIds);
  for (const id of new Set(personIds)) {
    const person = await findPersonById(db, id);
    if (!person) {
      await removeDocument(db, 'person', id);
      continue;
    }
    const project = person.projectId ? await findProjectById(db, person.projectId) : null;
    await indexDocument(db, personDocument(person, appearances.get(id) ?? [], project ?? undefined));
    if (options.programmeItems) for (const { event, item } of appearances.get(id) ?? []) await indexDocument(db, programmeItemDocument(event, item));
  }
}

/** Brings the entries of these organisations up to date; one that is no project's partner (any more) is taken out. */
export async function reindexOrganisations(db: Kysely<Database>, organisationIds: number[]): Promise<void> {
  if (!organisationIds.length) return;
  const projectById = new Map((await listProjects(db)).map((p) => [p.id, p]));
  const entries = organisationEntries(await listPartners(db), projectById);
  for (const id of new Set(organisationIds)) {
    const entry = entries.get(id);
    if (entry) await indexDocument(db, entry);
    else await removeDocument(db, 'organisation', id);
  }
}

/**
 * What `start` runs. Modules keep the index current as content changes, so it is built in full only
 * when it is empty: a new database, or one whose index a migration emptied to have it rebuilt.
 * Returns the number of entries indexed (0 when the index was left as it is).
 */
export async function ensureSearchIndex(db: Kysely<Database>): Promise<number> {
  const indexed = await db.selectFrom('search_documents').select('id').limit(1).executeTakeFirst();
  return indexed ? 0 : reindexAll(db);
}
