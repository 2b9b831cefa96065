import type { JobRegistry } from '../../lib/jobs.js';
import { INDEX_SCHEDULED_JOB, syncSearchIndex } from './service.js';

/** A post scheduled for later enters the search index when its time comes. */
export function registerNewsJobs(jobs: JobRegistry): void {
  jobs.register(INDEX_SCHEDULED_JOB, ({ id }: { id: number }, { db }) => syncSearchIndex(db, id));
}
