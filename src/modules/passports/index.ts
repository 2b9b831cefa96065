import type { ModuleManifest } from '../../lib/modules.js';
import { passportAdminRoutes } from './admin-routes.js';
import { passportRoutes } from './routes.js';

/** Battery passports (Regulation (EU) 2023/1542): public pages, the JSON API, access requests, /admin/passports. */
export const passportsModule: ModuleManifest = {
  name: 'passports',
  routes: passportRoutes,
  adminRoutes: passportAdminRoutes,
};
