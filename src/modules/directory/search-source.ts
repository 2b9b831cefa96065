import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { indexDocument, removeDocument, type SearchDocumentInput, type SearchSource } from '../search/service.js';
import { organisationDocument, projectDocument } from './search.js';
import { listPartners, listProjects, type Partner, type Project } from './service.js';

/** One entry per organisation that is a partner somewhere, pointing at its first project. */
function organisationEntries(partners: Partner[], projectById: Map<number, Project>): Map<number, SearchDocumentInput> {
  const organisations = new Map<number, SearchDocumentInput>();
  for (const partner of partners) {
    if (!organisations.has(partner.id)) organisations.set(partner.id, organisationDocument(partner, projectById.get(partner.projectId)));
  }
  return organisations;
}

async function organisationsById(db: Kysely<Database>): Promise<Map<number, SearchDocumentInput>> {
  const projectById = new Map((await listProjects(db)).map((p) => [p.id, p]));
  return organisationEntries(await listPartners(db), projectById);
}

/** Projects and organisations; an organisation's entry goes stale when its details or partnerships change. */
export const directorySearchSource: SearchSource = {
  async entries(db) {
    return [...(await listProjects(db)).map(projectDocument), ...(await organisationsById(db)).values()];
  },
  refresh: {
    // One that is no project's partner (any more) is taken out.
    async organisations(db, ids) {
      const entries = await organisationsById(db);
      for (const id of new Set(ids)) {
        const entry = entries.get(id);
        if (entry) await indexDocument(db, entry);
        else await removeDocument(db, 'organisation', id);
      }
    },
  },
};
