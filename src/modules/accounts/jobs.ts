import type { JobRegistry } from '../../lib/jobs.js';
import { deleteExpiredCredentials } from './service.js';

export function registerAccountsJobs(jobs: JobRegistry): void {
  jobs.registerDaily('accounts.cleanup', async (_payload, { db, log }) => {
    log.info(await deleteExpiredCredentials(db), 'expired sessions and sign-in links deleted');
  });
}
