import type { JobRegistry } from '../../lib/jobs.js';
import { reindexOrganisations, reindexPeople } from './reindex.js';
import { REINDEX_JOBS } from './service.js';

export function registerSearchJobs(jobs: JobRegistry): void {
  jobs.register(REINDEX_JOBS.people, async ({ ids, programmeItems }: { ids: number[]; programmeItems: boolean }, { db }) => reindexPeople(db, ids, { programmeItems }));
  jobs.register(REINDEX_JOBS.organisations, async ({ ids }: { ids: number[] }, { db }) => reindexOrganisations(db, ids));
}
