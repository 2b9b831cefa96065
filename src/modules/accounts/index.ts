import type { ModuleManifest } from '../../lib/modules.js';
import { accountsRoutes } from './routes.js';
import { registerAccountsJobs } from './jobs.js';

/** Users, sessions, sign-in links, invitations, the audit log and the back office's home. */
export const accountsModule: ModuleManifest = {
  name: 'accounts',
  routes: accountsRoutes,
  jobs: registerAccountsJobs,
};
