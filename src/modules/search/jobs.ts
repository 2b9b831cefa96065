import type { FastifyInstance } from 'fastify';
import type { JobRegistry } from '../../lib/jobs.js';
import { REINDEX_JOBS, SEARCH_SOURCES } from './service.js';

/** The changes other modules signal: every source that keeps entries of that kind brings them up to date. */
export function registerSearchJobs(jobs: JobRegistry, app: FastifyInstance): void {
  const refreshers = (set: keyof typeof REINDEX_JOBS) => app.contributions.of(SEARCH_SOURCES).flatMap((source) => source.refresh?.[set] ?? []);
  jobs.register(REINDEX_JOBS.people, async ({ ids, programmeItems }: { ids: number[]; programmeItems: boolean }, { db }) => {
    for (const refresh of refreshers('people')) await refresh(db, ids, { programmeItems });
  });
  jobs.register(REINDEX_JOBS.organisations, async ({ ids }: { ids: number[] }, { db }) => {
    for (const refresh of refreshers('organisations')) await refresh(db, ids, {});
  });
}
