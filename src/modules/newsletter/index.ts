import type { ModuleManifest } from '../../lib/modules.js';
import { registerNewsletterJobs } from './jobs.js';
import { newsletterAdminRoutes } from './admin-routes.js';
import { newsletterRoutes } from './routes.js';

/** Subscriptions, digest issues and alerts, their archive and feed, /admin/newsletter. */
export const newsletterModule: ModuleManifest = {
  name: 'newsletter',
  routes: newsletterRoutes,
  adminRoutes: newsletterAdminRoutes,
  jobs: registerNewsletterJobs,
};
