import type { ModuleManifest } from '../../lib/modules.js';
import { pagesRoutes, siteLinksPlugin } from './routes.js';
import { pagesAdminRoutes } from './admin-routes.js';

/** Editable static pages, the links of the navigation and footer, and their back office. */
export const pagesModule: ModuleManifest = {
  name: 'pages',
  plugins: [siteLinksPlugin],
  routes: pagesRoutes,
  adminRoutes: pagesAdminRoutes,
};
