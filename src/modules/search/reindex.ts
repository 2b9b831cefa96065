import type { Kysely } from 'kysely';
import { withTransaction } from '../../db/index.js';
import type { Database } from '../../db/types.js';
import { listPartners, listPeople, listProjects } from '../directory/service.js';
import { flattenProgramme, getProgramme, listEvents } from '../events/service.js';
import { librarySearchEntries } from '../library/service.js';
import { listNews } from '../news/service.js';
import { clearIndex, indexDocument, type SearchDocumentInput } from './service.js';
import { type Appearance, eventDocument, newsDocument, organisationDocument, personDocument, programmeItemDocument, projectDocument } from './sources.js';

const ALL = 1_000_000;

/**
 * Rebuilds the whole search index from what every module has published. Run on start, after a
 * seed and by `cluster-hub reindex`; between rebuilds modules keep it current with indexDocument().
 */
export async function reindexAll(db: Kysely<Database>): Promise<number> {
  const entries: SearchDocumentInput[] = [];
  const projects = await listProjects(db);
  const projectById = new Map(projects.map((p) => [p.id, p]));
  entries.push(...projects.map(projectDocument));
  entries.push(...(await listNews(db, { page: 1 }, ALL)).posts.map(newsDocument));

  const appearances = new Map<number, Appearance[]>();
  for (const event of (await listEvents(db, { when: 'all', page: 1 }, ALL)).events) {
    entries.push(eventDocument(event, null));
    for (const item of flattenProgramme(await getProgramme(db, event.id))) {
      entries.push(programmeItemDocument(event, item));
      for (const person of item.people) {
        const list = appearances.get(person.personId) ?? [];
        list.push({ event, item, role: person.role });
        appearances.set(person.personId, list);
      }
    }
  }
  for (const person of await listPeople(db)) {
    entries.push(personDocument(person, appearances.get(person.id) ?? [], person.projectId ? projectById.get(person.projectId) : undefined));
  }
  const organisations = new Map<number, SearchDocumentInput>();
  for (const partner of await listPartners(db)) {
    if (!organisations.has(partner.id)) organisations.set(partner.id, organisationDocument(partner, projectById.get(partner.projectId)));
  }
  entries.push(...organisations.values());
  entries.push(...(await librarySearchEntries(db)));

  await withTransaction(db, async (trx) => {
    await clearIndex(trx);
    for (const entry of entries) await indexDocument(trx, entry);
  });
  return entries.length;
}
