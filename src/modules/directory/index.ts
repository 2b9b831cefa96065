import type { ModuleManifest } from '../../lib/modules.js';
import { directoryParts } from './parts.js';
import { directoryRoutes } from './routes.js';
import { directoryAdminRoutes } from './admin-routes.js';

/** Projects, organisations, partners and people. */
export const directoryModule: ModuleManifest = {
  name: 'directory',
  routes: directoryRoutes,
  adminRoutes: directoryAdminRoutes,
  contributes: [...directoryParts],
};
