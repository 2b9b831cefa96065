import type { ModuleManifest } from '../../lib/modules.js';
import { redirectsPlugin } from './routes.js';
import { redirectsAdminRoutes } from './admin-routes.js';

/** Old addresses answered with 301, and their back office. */
export const redirectsModule: ModuleManifest = {
  name: 'redirects',
  plugins: [redirectsPlugin],
  adminRoutes: redirectsAdminRoutes,
};
