import type { ModuleManifest } from '../../lib/modules.js';
import { mailParts } from './parts.js';
import { mailRoutes } from './routes.js';
import { registerMailJobs } from './jobs.js';

/** The outbox, its delivery and retention, /admin/mail. */
export const mailModule: ModuleManifest = {
  name: 'mail',
  adminRoutes: mailRoutes,
  jobs: registerMailJobs,
  contributes: [
    ...mailParts,
  ],
};
